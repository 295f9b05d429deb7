"""The demo clinic's fixed data: items and prices, names, staff, circles, phrases.

A medical-aesthetic clinic with a dental department and check-ups, priced like a
mid-range clinic in a large Chinese city (2024-2026). Prices are yuan price points; the
generator turns them into fen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Item:
    """A billable item of the demo clinic.

    Attributes:
        name: the item as the bill shows it.
        category: the item category (口腔, 注射, 光电, ...).
        prices: typical prices in yuan.
        weight: how common the item is.
        premium: 0 (everyday) to 3 (big-ticket); big spenders lean to high values.
        follow_up: days after the procedure on which the clinic follows up.
        repeat: the fewest days before the same patient has it again (a surgery: never).
    """

    name: str
    category: str
    prices: tuple[int, ...]
    weight: float
    premium: int = 0
    follow_up: tuple[int, ...] = ()
    repeat: int = 0


NEVER = 99_999  # days: a procedure done once

AESTHETIC = (
    Item("面部清洁护理", "皮肤护理", (298, 398, 498), 10),
    Item("皮肤检测", "皮肤护理", (98, 198), 3),
    Item("水光针", "注射", (980, 1280, 1680, 2280), 8, 1, repeat=21),
    Item("光子嫩肤", "光电", (680, 980, 1280), 8),
    Item("激光脱毛", "光电", (380, 580, 880), 5),
    Item("皮秒祛斑", "光电", (1980, 2980, 3980), 4, 1, repeat=28),
    Item("肉毒素除皱", "注射", (1680, 2580, 3880), 5, 1, repeat=120),
    Item("玻尿酸填充", "注射", (3800, 5800, 8800, 12800), 4, 2, (7,), 180),
    Item("超声刀紧致", "光电", (6800, 9800, 13800), 1.5, 2, repeat=300),
    Item("热玛吉", "光电", (12800, 16800, 22800), 1.2, 3, repeat=365),
    Item("双眼皮手术", "手术", (6800, 9800, 15800), 0.7, 2, (1, 7, 30), NEVER),
    Item("隆鼻手术", "手术", (16800, 28800, 45800), 0.4, 3, (1, 7, 30), NEVER),
    Item("吸脂塑形", "手术", (18800, 29800, 39800), 0.3, 3, (1, 7, 30), NEVER),
)
DENTAL = (
    Item("洁牙", "口腔", (198, 298, 398), 10, repeat=90),
    Item("口腔检查", "口腔", (50, 100), 6),
    Item("补牙", "口腔", (300, 500, 800), 6),
    Item("根管治疗", "口腔", (1500, 2200, 2800), 3, 1, (7,), 60),
    Item("拔牙", "口腔", (200, 600, 1200), 3, 0, (1, 7)),
    Item("冷光美白", "口腔", (1280, 1980, 2680), 2, 1, repeat=300),
    Item("烤瓷冠", "口腔", (1800, 3200, 5800), 2, 1, repeat=120),
    Item("种植牙", "口腔", (8800, 12800, 18800, 23800), 0.8, 3, (1, 7, 30), 180),
    Item("隐形矫正", "口腔", (26800, 35800, 45800), 0.4, 3, (30,), NEVER),
)
CHECKUP = (
    Item("基础体检套餐", "体检", (680, 980), 5, repeat=300),
    Item("深度体检套餐", "体检", (2680, 3880, 5880), 2, 2, repeat=300),
    Item("胃肠镜检查", "体检", (1200, 1800), 1, 1, repeat=700),
)

# Surnames by frequency (a few polyphonic and compound ones, as real files have).
SURNAMES = (
    ("王", 72), ("李", 70), ("张", 66), ("刘", 54), ("陈", 47), ("杨", 32), ("黄", 25),
    ("赵", 21), ("吴", 20), ("周", 19), ("徐", 15), ("孙", 15), ("马", 13), ("朱", 13),
    ("胡", 12), ("郭", 11), ("何", 11), ("高", 10), ("林", 10), ("罗", 10), ("郑", 9),
    ("梁", 9), ("谢", 8), ("宋", 8), ("唐", 7), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7),
    ("曹", 6), ("彭", 6), ("曾", 6), ("肖", 6), ("田", 5), ("董", 5), ("袁", 5), ("潘", 5),
    ("于", 5), ("蒋", 5), ("蔡", 5), ("余", 5), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 4),
    ("魏", 4), ("吕", 4), ("丁", 4), ("任", 4), ("沈", 4), ("姚", 3), ("卢", 3), ("姜", 3),
    ("崔", 3), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3),
    ("廖", 3), ("贾", 3), ("夏", 3), ("韦", 3), ("方", 3), ("白", 3), ("邹", 2), ("孟", 2),
    ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("段", 2), ("雷", 2),
    ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2),
    ("单", 1), ("解", 1), ("仇", 1), ("查", 1), ("翟", 1), ("覃", 1), ("欧阳", 1),
    ("司马", 0.3), ("上官", 0.3), ("诸葛", 0.2),
)  # fmt: skip
# The name the search box and the README give as their example ("wxm", "wangxiaoming"):
# one patient of every demo bears it (drawn like the others, then given this name and
# sex: the random draws stay the same, so does everything else of the demo), so that
# trying the example finds someone.
EXAMPLE_NAME = "王小明"
EXAMPLE_PATIENT_ID = 1
FEMALE_CHARS = "静丽敏燕艳娟霞芳娜婷雪慧莉晶琳颖倩洁妍欣怡佳瑶萍红玲梅兰琪璐蕾薇雯悦涵梓诗晓彤璇"
MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞斌波宇浩凯健俊峰建国志文博轩宁晨瑞昊泽毅东海"

STAFF = (
    ("刘静", "reception"), ("陈雨婷", "consultant"), ("张敏", "consultant"),
    ("李娜", "consultant"), ("王芳", "consultant"), ("周建华", "doctor"),
    ("孙立", "doctor"), ("吴倩", "doctor"), ("黄志强", "manager"),
)  # fmt: skip

CIRCLES = (
    "西湖高尔夫俱乐部", "城西摄影协会", "悦动瑜伽馆", "钱塘读书会", "实验小学家长群",
    "浙商青年会", "湖滨车友会", "晨跑马拉松团", "茶艺研习社", "金融女性沙龙",
)  # fmt: skip
TAGS = ("价格敏感", "怕疼", "高意向", "企业团检", "喜欢套餐", "需要陪同", "学生")

SOURCES = (
    ("大众点评", 20), ("美团", 10), ("小红书", 14), ("抖音", 12), ("朋友圈广告", 6),
    ("百度搜索", 5), ("路过到店", 6), ("企业团检", 4), ("老顾客转介绍", 0),
)  # fmt: skip
REFERRAL_SOURCE = "老顾客转介绍"

OCCUPATIONS = (
    "教师", "公务员", "会计", "护士", "设计师", "销售经理", "程序员", "全职太太", "个体经营",
    "银行职员", "律师", "医生", "大学生", "财务总监", "房地产中介", "自由职业", "退休",
)  # fmt: skip
LEADER_OCCUPATIONS = (
    "企业董事长", "律师事务所合伙人", "三甲医院主任医师", "高校教授", "退休干部",
    "瑜伽馆馆长", "商会秘书长", "高尔夫俱乐部会长", "知名博主", "美容院老板",
)  # fmt: skip
PERSONALITIES = ("开朗健谈", "谨慎细致", "直爽干脆", "内向慢热", "注重细节", "爱比较价格", "随和")
HOBBIES = (
    "高尔夫",
    "瑜伽",
    "摄影",
    "旅行",
    "烘焙",
    "茶艺",
    "跑步",
    "读书",
    "插花",
    "游泳",
    "打麻将",
)
BACKGROUNDS = (
    "本地人，家住附近小区", "外地来杭工作多年", "家里有两个孩子", "先生在外地工作",
    "自己经营一家服装店", "刚生完二胎", "和母亲一起来院", "准备明年结婚",
)  # fmt: skip
TABOOS = (
    "不喜欢被推销", "忌讳谈年龄", "周末不要来电", "对酒精过敏", "不喜欢被称呼阿姨",
    "不要提及前夫", "对价格很敏感，勿主动提高价项目", "上午不方便接电话",
)  # fmt: skip
DISTRICTS = ("西湖区", "上城区", "拱墅区", "滨江区", "余杭区", "萧山区", "临平区")
STREETS = ("文三路", "天目山路", "庆春路", "解放路", "江南大道", "文一西路", "延安路", "莫干山路")

VISIT_NOTES = (
    "{item}后恢复良好，对效果满意",
    "{item}后有轻微红肿，已嘱咐冷敷",
    "询问了{other}的价格，下次可以推荐",
    "提到下个月要出差两周",
    "最近工作压力大，睡眠不好",
    "对疼痛比较敏感，下次需提前敷麻",
    "觉得上次等候时间太长，已致歉",
    "朋友在别家做了优惠活动，有比较价格",
    "女儿今年高考，这段时间比较忙",
    "希望约周六上午的时间",
    "对{doctor}医生很信任，指定下次也由他/她操作",
)
PERIOD_NOTE = "提到痛经明显，每月中旬比较难受，想了解调理方法"
PERSONAL_DATES = (
    ("结婚纪念日", True),
    ("孩子生日", True),
    ("经期关怀", False),
    ("乔迁新居", False),
)
CONTACT_NOTES = {
    "reached": ("已回访，恢复良好", "顾客表示满意", "顾客说最近比较忙，过段时间再约"),
    "booked": ("已预约下周到院", "预约了周六上午", "预约洁牙"),
    "declined": ("暂时不需要", "觉得价格偏高", "已在其他机构做过"),
    "no_answer": ("未接听", "关机", "占线"),
    "wrong_number": ("号码有误",),
    "do_not_call": ("顾客要求不要再来电",),
}
