"""The names of the engine's and the store's codes: RFM segments, lapse statuses,
membership levels, contact outcomes. The window, the command line and the exports all
show these (`clinicdesk.core.i18n.code_name`); nothing else names them."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "lapse.on_rhythm": {"zh_CN": "按节奏", "en": "On rhythm"},
    "lapse.due": {"zh_CN": "该来了", "en": "Due"},
    "lapse.overdue": {"zh_CN": "已逾期", "en": "Overdue"},
    "lapse.lapsed": {"zh_CN": "已流失", "en": "Lapsed"},
    "rfm.champions": {"zh_CN": "冠军客户", "en": "Champions"},
    "rfm.loyal": {"zh_CN": "忠诚客户", "en": "Loyal"},
    "rfm.potential_loyalist": {"zh_CN": "潜力客户", "en": "Potential loyalist"},
    "rfm.new": {"zh_CN": "新客户", "en": "New"},
    "rfm.promising": {"zh_CN": "有望客户", "en": "Promising"},
    "rfm.need_attention": {"zh_CN": "需要关注", "en": "Need attention"},
    "rfm.about_to_sleep": {"zh_CN": "即将沉睡", "en": "About to sleep"},
    "rfm.at_risk": {"zh_CN": "有流失风险", "en": "At risk"},
    "rfm.cant_lose": {"zh_CN": "不能失去", "en": "Can't lose them"},
    "rfm.hibernating": {"zh_CN": "沉睡客户", "en": "Hibernating"},
    "rfm.lost": {"zh_CN": "已流失客户", "en": "Lost"},
    "membership.silver": {"zh_CN": "银卡", "en": "Silver"},
    "membership.gold": {"zh_CN": "金卡", "en": "Gold"},
    "membership.diamond": {"zh_CN": "钻石卡", "en": "Diamond"},
    "outcome.reached": {"zh_CN": "已接通", "en": "Reached"},
    "outcome.booked": {"zh_CN": "已预约", "en": "Booked"},
    "outcome.declined": {"zh_CN": "已拒绝", "en": "Declined"},
    "outcome.no_answer": {"zh_CN": "未接听", "en": "No answer"},
    "outcome.wrong_number": {"zh_CN": "号码错误", "en": "Wrong number"},
    "outcome.do_not_call": {"zh_CN": "勿再来电", "en": "Do not call again"},
    "outcome.other": {"zh_CN": "其他", "en": "Other"},
}
