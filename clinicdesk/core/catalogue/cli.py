"""The command line's help texts and its own messages (keys ``cli.<command>.<option>``).

Texts are plain: `clinicdesk.cli` escapes ``%`` for argparse where it must, so a "20%"
here shows as 20%.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cli.about": {
        "zh_CN": "ClinicDesk：小型私立诊所的顾客关系管理（ABC 分级、流失预警、回访清单）。"
        "不带子命令时打开窗口。",
        "en": "ClinicDesk: patient relationships for small private clinics (ABC tiers, "
        "lapse detection, call lists). Without a subcommand, opens the window.",
    },
    "cli.db": {
        "zh_CN": "要打开的诊所文件（默认：本机当前诊所，即最近新建或打开的诊所；"
        "文件不存在时先询问是否新建）",
        "en": "the clinic file to open (default: this PC's current clinic, the one last "
        "created or opened; a file that does not exist is offered to be created)",
    },
    "cli.db.clinic": {
        "zh_CN": "诊所文件（默认：本机当前诊所，见 clinicdesk info）",
        "en": "the clinic file (default: this PC's current clinic, see clinicdesk info)",
    },
    "cli.version": {"zh_CN": "显示版本号并退出", "en": "show the version and exit"},
    "cli.lang": {"zh_CN": "语言（默认：系统语言）", "en": "language (default: the system's)"},
    "cli.self_test": {
        "zh_CN": "在后台用临时演示诊所打开窗口，运行分级计算、生成并导出回访清单，"
        "全部正常时以 0 退出",
        "en": "open the window offscreen on a temporary demo clinic, run the engine, build "
        "the call list, export it, and exit 0 when all worked",
    },
    "cli.screenshots": {
        "zh_CN": "在后台打开窗口，把每个标签页存为 DIR 中的 PNG 图片，然后退出",
        "en": "open the window offscreen, save one PNG per tab into DIR, and exit",
    },
    "cli.json": {"zh_CN": "输出一个 JSON 对象", "en": "print one JSON object"},
    "cli.bad_date": {
        "zh_CN": "“{value}”不是有效日期（应为 YYYY-MM-DD）",
        "en": "“{value}” is not a valid date (expected YYYY-MM-DD)",
    },
    "cli.bad_number": {
        "zh_CN": "“{value}”不是整数",
        "en": "“{value}” is not a whole number",
    },
    "cli.demo": {"zh_CN": "生成一个逼真的演示诊所", "en": "write a realistic demo clinic"},
    "cli.demo.about": {
        "zh_CN": "生成一个可重现的演示诊所（中文姓名、长尾消费、复诊节奏、介绍关系、备注、"
        "回访记录）。不会覆盖真实的诊所文件。",
        "en": "Write a deterministic demo clinic (Chinese names, heavy-tailed spending, "
        "revisit rhythms, referrals, notes, contacts). Never overwrites a real clinic file.",
    },
    "cli.demo.patients": {
        "zh_CN": "顾客数量（默认：2000）",
        "en": "number of patients (default: 2000)",
    },
    "cli.demo.seed": {
        "zh_CN": "随机种子；相同的种子生成相同的诊所（默认：1）",
        "en": "random seed; the same seed gives the same clinic (default: 1)",
    },
    "cli.demo.db": {
        "zh_CN": "写到哪里（默认：{path}）",
        "en": "where to write it (default: {path})",
    },
    "cli.demo.today": {
        "zh_CN": "演示历史的最后一天（默认：今天）",
        "en": "the last day of the demo's history (default: today)",
    },
    "cli.demo.open": {"zh_CN": "生成后打开窗口", "en": "open the window on it afterwards"},
    "cli.new": {"zh_CN": "新建一个空的诊所文件", "en": "create an empty clinic file"},
    "cli.new.about": {
        "zh_CN": "新建一个空的诊所文件（与首次启动窗口时“新建诊所”相同），并设为本机当前诊所。"
        "不会覆盖已有的文件。之后可用 clinicdesk import 导入账单。",
        "en": "Create an empty clinic file (as the window's first start does) and make it "
        "this PC's current clinic. Never overwrites a file. Then clinicdesk import brings "
        "in the billing history.",
    },
    "cli.new.db": {
        "zh_CN": "新文件的路径（默认：{path}；已被占用时在文件名后加编号）",
        "en": "the new file (default: {path}, numbered when taken)",
    },
    "cli.new.name": {"zh_CN": "诊所名称，如 康美口腔", "en": "the clinic's name"},
    "cli.new.staff": {
        "zh_CN": "员工姓名，用逗号分隔（以后也可添加）",
        "en": "staff names, separated by commas (can be added later)",
    },
    "cli.info": {"zh_CN": "显示诊所文件的内容概况", "en": "show what a clinic file holds"},
    "cli.info.about": {
        "zh_CN": "显示诊所文件的诊所名称、结构版本和数据量。只读。",
        "en": "Show the clinic file's name, schema version and how much it holds. Read only.",
    },
    "cli.tiers": {
        "zh_CN": "计算 ABC 分级、RFM 分群、流失状态和介绍影响力",
        "en": "compute ABC tiers, RFM, lapse and referral influence",
    },
    "cli.tiers.about": {
        "zh_CN": "对诊所文件运行分级计算并输出摘要：ABC 各级的收入占比、前 20% 顾客的收入占比、"
        "基尼系数、回访节奏、意见领袖和 RFM 分群。",
        "en": "Run the segmentation engine on a clinic file and print a summary: ABC tiers "
        "with their revenue shares, the top-20% share, the Gini coefficient, lapse "
        "statuses, opinion leaders and RFM segments.",
    },
    "cli.tiers.from": {
        "zh_CN": "统计期间的第一天（默认：--to 之前 12 个月）",
        "en": "first day of the period (default: 12 months before --to)",
    },
    "cli.tiers.to": {
        "zh_CN": "统计期间的最后一天（默认：今天）",
        "en": "last day of the period (default: today)",
    },
    "cli.tiers.measure": {
        "zh_CN": "按净收入（revenue）或到院天数（visits）排名（默认：revenue）",
        "en": "rank by net revenue or by distinct visit days (default: revenue)",
    },
    "cli.tiers.cutoffs": {
        "zh_CN": "A 级和 B 级截止处的累计占比（百分比），或预设 70/20/10、75/20/5（默认：70,90）",
        "en": "cumulative shares where A and B end, in percent, or a preset 70/20/10 or "
        "75/20/5 (default: 70,90)",
    },
    "cli.tiers.save": {
        "zh_CN": "保存本次分级，下次即可看到谁的级别变了",
        "en": "save the run, so that the next one shows who moved",
    },
    "cli.import": {
        "zh_CN": "导入账单导出表（CSV 或 .xlsx）",
        "en": "import a billing export (CSV or .xlsx)",
    },
    "cli.import.about": {
        "zh_CN": "导入账单导出表：每一行成为一条消费记录，归入会员卡号相同的顾客，其次手机号相同，"
        "再次姓名相同。没有日期、金额或任何身份信息的行不导入，连同原因写入报告。"
        "要么全部导入，要么什么都不写；再次导入相同的行不会重复。",
        "en": "Import a billing export: every row becomes a charge of the patient with the "
        "same card number, else mobile, else name. Rows without a date, an amount or any "
        "identity are not imported and go to a report with the reason. All or nothing; "
        "importing the same rows again adds nothing.",
    },
    "cli.import.file": {
        "zh_CN": "导出表文件（.csv、.txt、.xlsx）",
        "en": "the export (.csv, .txt, .xlsx)",
    },
    "cli.import.sheet": {
        "zh_CN": ".xlsx 的工作表（默认：第一个）",
        "en": "the .xlsx sheet (default: the first)",
    },
    "cli.import.encoding": {
        "zh_CN": "CSV 的编码，如 gb18030、utf-8（默认：自动识别）",
        "en": "the CSV's encoding, e.g. gb18030, utf-8 (default: detected)",
    },
    "cli.import.map": {
        "zh_CN": "把一列对应到一个字段（{fields}）或 ignore（忽略）；可重复",
        "en": "map a column to a field ({fields}) or to ignore; repeatable",
    },
    "cli.import.extra": {
        "zh_CN": "未对应的列：写入消费记录的备注（note，默认）或忽略（ignore）",
        "en": "columns not mapped: keep them in the charge's note (default) or ignore them",
    },
    "cli.import.report": {
        "zh_CN": "未导入的行与提醒写到哪里（默认：数据文件夹中的 import-reports）",
        "en": "where to write the report of rejected rows and warnings "
        "(default: import-reports in the data folder)",
    },
    "cli.import.dry_run": {
        "zh_CN": "读取、匹配并统计一切，但不写入任何文件",
        "en": "read, match and count everything, write nothing",
    },
    "cli.export": {
        "zh_CN": "把顾客名单或分级名单导出为 CSV 或 Excel",
        "en": "export the patient list or the tier list to CSV or Excel",
    },
    "cli.export.about": {
        "zh_CN": "导出名单：patients（全部顾客，含联系方式与消费）或 tiers"
        "（最近十二个月的分级名单，含 RFM 分群、回访节奏与会员等级）。"
        "文件名以 .xlsx 结尾时为 Excel，"
        "否则为带 BOM 的 UTF-8 CSV，可直接用 Excel 打开。",
        "en": "Export a list: 'patients' (everyone, with contact data and spend) or "
        "'tiers' (the tier list of the last twelve months, with RFM segment, rhythm and "
        "membership). .xlsx by the file's suffix, else CSV in UTF-8 with BOM for Excel.",
    },
    "cli.export.what": {"zh_CN": "哪一份名单", "en": "which list"},
    "cli.export.out": {
        "zh_CN": "要写入的文件（.csv 或 .xlsx）",
        "en": "the file to write (.csv or .xlsx)",
    },
    "cli.search": {
        "zh_CN": "查找顾客（按匹配程度排列）",
        "en": "find patients, best matches first",
    },
    "cli.search.about": {
        "zh_CN": "按人的方式排列查找结果：会员卡号完全相同，然后手机号或手机尾号（4 位以上），"
        "然后姓名完全相同，然后拼音首字母或全拼，然后以所输内容开头、再然后包含所输内容的顾客；"
        "同一档次中最近到院的在前。每行写明匹配原因，手机号只显示前 3 位和后 4 位，"
        "方括号标出所输数字。",
        "en": "Find patients ranked as a person would: the exact card number, then the "
        "phone number or its ending (4 digits or more), then the exact name, then pinyin "
        "initials or full pinyin, then what starts with the text, then what holds it; "
        "within a rank, recent visitors first. Each line says why it matched; phones are "
        "masked, the digits typed in brackets.",
    },
    "cli.search.text": {
        "zh_CN": "姓名、拼音、手机号码或尾号、会员卡号",
        "en": "a name, pinyin, a phone number or its ending, a card number",
    },
    "cli.search.limit": {
        "zh_CN": "最多显示 N 位（默认：20；0 为全部）",
        "en": "show at most N patients (default: 20; 0 for all)",
    },
    "cli.search.json": {
        "zh_CN": "输出 JSON 列表：编号、姓名、隐去中间位的手机号、匹配原因等",
        "en": "print a JSON list: patient_id, name, phone (masked), match and more",
    },
    "cli.calls": {"zh_CN": "输出今天的回访清单", "en": "print today's call list"},
    "cli.calls.about": {
        "zh_CN": "输出某一天的回访清单：先是必打的（约定回电、预约确认、爽约、术后回访、"
        "关怀日期、致谢），再按优先级排满当天的容量（复诊提醒、沉睡激活、按级别定期回访），"
        "以及还在等待的人数和填好的话术。",
        "en": "Print the call list of a day: first what must be called (agreed call-backs, "
        "appointment confirmations, no-shows, post-procedure follow-ups, care dates, "
        "thanks), then by priority up to the day's capacity (recalls, reactivation, tier "
        "cadence), with how many more are waiting and the scripts filled in.",
    },
    "cli.calls.capacity": {
        "zh_CN": "每位回访人一天打的电话数（默认：诊所设置，初始为 40）",
        "en": "calls each caller makes in a day (default: the clinic's setting, 40 at first)",
    },
    "cli.calls.callers": {
        "zh_CN": "今天打电话的人数（默认：1）",
        "en": "how many callers work today (default: 1)",
    },
    "cli.calls.date": {
        "zh_CN": "清单的日期（默认：今天）",
        "en": "the day of the list (default: today)",
    },
    "cli.calls.staff": {
        "zh_CN": "这位员工的清单（其他人已认领的顾客不列出）",
        "en": "the list of this staff member (others' claimed patients left out)",
    },
    "cli.calls.order": {
        "zh_CN": "每一部分按优先级（默认）、按价值（级别，其次收入）、最容易的优先，或按负责人排序",
        "en": "each part by priority (the default), by value (tier, then revenue), easiest "
        "first, or by owner",
    },
    "cli.calls.limit": {
        "zh_CN": "最多 N 位顾客（默认：全部）",
        "en": "at most N patients (default: all)",
    },
    "cli.calls.json": {"zh_CN": "输出一个 JSON 对象", "en": "print one JSON object"},
    "cli.full_phones": {
        "zh_CN": "显示完整手机号（默认像窗口中一样隐藏中间四位：138****8000）",
        "en": "whole mobile numbers (default: masked as 138****8000, as the window shows them)",
    },
    "cli.backup": {"zh_CN": "备份诊所文件", "en": "back up the clinic file"},
    "cli.backup.about": {
        "zh_CN": "写一份经过检查的诊所文件副本（窗口开着时也安全），放到备份文件夹，"
        "或放到 --to 指定的文件夹（例如 USB 盘）。",
        "en": "Write a checked copy of the clinic file (safe while the window has it open) "
        "into the backups folder, or into --to DIR (a USB drive, say).",
    },
    "cli.backup.to": {
        "zh_CN": "副本放到哪个文件夹（默认：{path}）",
        "en": "the folder for the copy (default: {path})",
    },
    "cli.restore": {"zh_CN": "用备份替换诊所文件", "en": "replace the clinic file by a backup"},
    "cli.restore.about": {
        "zh_CN": "检查备份，把当前诊所文件也另存一份备份，然后用备份替换它。请先关闭窗口。",
        "en": "Check a backup, keep the current clinic file as a backup too, then put the "
        "backup in its place. Close the window first.",
    },
    "cli.restore.backup": {"zh_CN": "备份文件", "en": "the backup file"},
    "cli.restore.yes": {"zh_CN": "确认替换", "en": "confirm the replacement"},
}
