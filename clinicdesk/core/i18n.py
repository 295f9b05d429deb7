"""Message texts of the Qt-free core and the CLI, in Simplified Chinese and English.

The core raises errors as message keys with parameters (see `errors.KnownError`); this
module turns a key into text in the user's language. The GUI uses Qt's own translation
tools for its widgets; these are the words that must also reach a terminal. Messages of
some areas live in `clinicdesk.core.catalogue` (one module each); this module looks keys
up in all of them.
"""

from __future__ import annotations

import locale
import os

from clinicdesk.core.catalogue import argparse_texts, cli, names, start, value

LANGUAGES = ("zh_CN", "en")

_MESSAGES: dict[str, dict[str, str]] = {
    "db.not_a_clinic_file": {
        "zh_CN": "“{path}”不是 ClinicDesk 诊所文件（也不是 SQLite 数据库）。",
        "en": "“{path}” is not a ClinicDesk clinic file (not an SQLite database).",
    },
    "db.foreign_database": {
        "zh_CN": "“{path}”是其他程序的数据库，不是 ClinicDesk 诊所文件；"
        "为保护其中的数据，不会打开它。",
        "en": "“{path}” is another program's database, not a ClinicDesk clinic file; "
        "it is left untouched.",
    },
    "db.missing": {
        "zh_CN": "诊所文件“{path}”不存在。要新建诊所：clinicdesk new --db {path} --name 诊所名称",
        "en": "The clinic file “{path}” does not exist. To create a clinic there: "
        "clinicdesk new --db {path} --name NAME",
    },
    "info.clinic": {"zh_CN": "诊所", "en": "Clinic"},
    "info.file": {"zh_CN": "文件", "en": "File"},
    "info.schema": {"zh_CN": "结构版本", "en": "Schema"},
    "info.patients": {"zh_CN": "顾客", "en": "Patients"},
    "info.patients_value": {
        "zh_CN": "{active:,} 位（另有 {archived:,} 位已归档）",
        "en": "{active:,} ({archived:,} more archived)",
    },
    "info.charges": {"zh_CN": "消费记录", "en": "Charges"},
    "info.charges_value": {
        "zh_CN": "{count:,} 条，{first} 至 {last}，合计 {revenue}",
        "en": "{count:,}, {first} to {last}, total {revenue}",
    },
    "info.contacts": {"zh_CN": "回访记录", "en": "Contacts"},
    "info.demo": {"zh_CN": "演示诊所", "en": "Demo clinic"},
    "info.yes": {"zh_CN": "是", "en": "yes"},
    "info.no": {"zh_CN": "否", "en": "no"},
    "info.unnamed": {"zh_CN": "（未命名）", "en": "(unnamed)"},
    "db.newer_schema": {
        "zh_CN": "“{path}”由更新版本的 ClinicDesk 创建（含未知的结构变更：{names}），"
        "请先升级本程序再打开，以免丢失数据。",
        "en": "“{path}” was written by a newer ClinicDesk (unknown schema changes: {names}). "
        "Upgrade this program before opening it, so that no data is lost.",
    },
    "db.locked": {
        "zh_CN": "诊所文件“{path}”正被另一个程序写入，等待 5 秒后仍未释放；本次未作任何改动，"
        "请等它完成后再试。",
        "en": "The clinic file “{path}” is being written by another program and was still "
        "busy after 5 seconds; nothing was changed. Try again when it has finished.",
    },
    "db.readonly": {
        "zh_CN": "无法写入诊所文件“{path}”：文件或文件夹是只读的。",
        "en": "Cannot write the clinic file “{path}”: the file or its folder is read-only.",
    },
    "write.busy": {
        "zh_CN": "诊所文件正忙：另一个程序或一次导入正在写入，等了 {seconds} 秒仍未结束。"
        "没有丢失任何内容，未保存的修改仍在，请稍后再试。",
        "en": "The clinic file is busy: another program, or an import, has been writing to "
        "it for {seconds} s. Nothing was lost and unsaved edits are kept; try again shortly.",
    },
    "write.readonly": {
        "zh_CN": "无法写入诊所文件：文件或文件夹是只读的。没有丢失任何内容，未保存的修改仍在。",
        "en": "Cannot write the clinic file: the file or its folder is read-only. Nothing "
        "was lost and unsaved edits are kept.",
    },
    "db.no_folder": {
        "zh_CN": "文件夹“{path}”不存在。",
        "en": "The folder “{path}” does not exist.",
    },
    "db.full": {
        "zh_CN": "“{path}”所在的磁盘已满，本次未作任何改动。请腾出空间后再试。",
        "en": "The disk holding “{path}” is full; nothing was changed. Free some space and "
        "try again.",
    },
    "db.corrupt": {
        "zh_CN": "诊所文件“{path}”已损坏，本次未作任何改动。请用“文件 > 从备份恢复”恢复最新的备份，"
        "不要删除该文件。",
        "en": "The clinic file “{path}” is damaged; nothing was changed. Restore the newest "
        "backup (File > Restore from a backup); do not delete the file.",
    },
    "db.cannot_open": {
        "zh_CN": "无法打开诊所文件“{path}”：文件或文件夹不可写，或所在的驱动器已不可用。",
        "en": "The clinic file “{path}” cannot be opened: the file or its folder cannot be "
        "written, or its drive is gone.",
    },
    "db.io_error": {
        "zh_CN": "读写诊所文件“{path}”时出现磁盘错误（驱动器被拔出或已损坏？），本次未作任何改动。",
        "en": "A disk error occurred on the clinic file “{path}” (a drive unplugged or "
        "failing?); nothing was changed.",
    },
    "db.in_use": {
        "zh_CN": "诊所文件“{path}”正在被另一个 ClinicDesk 使用（窗口，或导入、恢复等命令）。"
        "请关闭窗口或等命令结束后再试；本次未作任何改动。",
        "en": "The clinic file “{path}” is in use by another ClinicDesk (the window, or a "
        "command such as an import or a restore). Close the window or wait for the command "
        "to finish, then try again; nothing was changed.",
    },
    "db.empty": {
        "zh_CN": "“{path}”是空文件，不是诊所文件。",
        "en": "“{path}” is empty: it is not a clinic file.",
    },
    "demo.not_a_demo": {
        "zh_CN": "“{path}”已是一个真实的诊所文件，演示数据不会覆盖它。请换一个路径。",
        "en": "“{path}” is a real clinic file; the demo will not overwrite it. "
        "Choose another path.",
    },
    "demo.bad_count": {
        "zh_CN": "顾客数量必须在 {low} 到 {high} 之间（收到 {value}）。",
        "en": "The number of patients must be between {low} and {high} (got {value}).",
    },
    "demo.building": {
        "zh_CN": "正在生成演示诊所：{patients} 位顾客……",
        "en": "Building a demo clinic with {patients} patients…",
    },
    "demo.done": {
        "zh_CN": "已生成演示诊所“{path}”：{patients} 位顾客，{charges} 条消费记录，"
        "总收入 {revenue}，用时 {seconds:.1f} 秒。",
        "en": "Demo clinic written to “{path}”: {patients} patients, {charges} charges, "
        "revenue {revenue}, in {seconds:.1f} s.",
    },
    "tiers.bad_period": {
        "zh_CN": "统计期间的开始日期 {start} 晚于结束日期 {end}。",
        "en": "The period starts ({start}) after it ends ({end}).",
    },
    "tiers.bad_cutoffs": {
        "zh_CN": "分级界限“{value}”无效：应为两个递增的百分比，"
        "如 70,90（A 占前 70%，B 再占 20%）。",
        "en": "Invalid cut-offs “{value}”: give two increasing percentages such as 70,90 "
        "(A up to 70%, B the next 20%).",
    },
    "engine.cancelled": {
        "zh_CN": "计算已取消。",
        "en": "The computation was cancelled.",
    },
    "tiers.heading": {
        "zh_CN": "分级计算：{start} 至 {end}，按{measure}，界限 {cutoffs}",
        "en": "Tiers: {start} to {end}, by {measure}, cut-offs {cutoffs}",
    },
    "tiers.measure.revenue": {"zh_CN": "消费金额", "en": "revenue"},
    "tiers.measure.visits": {"zh_CN": "到院次数", "en": "visits"},
    "tiers.headline": {
        "zh_CN": "前 20% 的顾客带来 {share} 的{measure}；基尼系数 {gini:.2f}",
        "en": "The top 20% of patients bring {share} of {measure}; Gini coefficient {gini:.2f}",
    },
    "tiers.columns": {
        "zh_CN": "级别|顾客数|顾客占比|收入|收入占比|到院次数|人均收入",
        "en": "Tier|Patients|% patients|Revenue|% revenue|Visits|Average",
    },
    "tiers.no_activity": {
        "zh_CN": "本期无消费：{count:,} 位（不参与分级）",
        "en": "No activity in period: {count:,} patients (not tiered)",
    },
    "tiers.movements": {
        "zh_CN": "自上次保存的分级以来：{moves}",
        "en": "Since the last saved run: {moves}",
    },
    "tiers.no_moves": {"zh_CN": "无人变动", "en": "nobody moved"},
    "tiers.move.new": {"zh_CN": "新进", "en": "new"},
    "tiers.move.none": {"zh_CN": "本期无消费", "en": "no activity"},
    "tiers.alarm": {
        "zh_CN": "流失预警：{count:,} 位曾为 A/B 级的顾客已逾期或流失，一年消费合计 {money}",
        "en": "Slipping away: {count:,} former A/B patients are overdue or lapsed, "
        "worth {money} a year",
    },
    "tiers.lapse": {"zh_CN": "回访节奏：{counts}", "en": "Rhythm: {counts}"},
    "tiers.leaders": {
        "zh_CN": "意见领袖：{count:,} 位（直接介绍的顾客本期消费合计 {money}）",
        "en": "Opinion leaders: {count:,} (the patients they referred spent {money} in the period)",
    },
    "tiers.rfm": {"zh_CN": "RFM 分群：{counts}", "en": "RFM segments: {counts}"},
    "tiers.saved": {"zh_CN": "已保存为第 {run} 次分级。", "en": "Saved as tier run {run}."},
    "list.sep": {"zh_CN": "，", "en": ", "},
    "calls.reason_sep": {"zh_CN": "；", "en": "; "},  # a reason may hold a "，" itself
    "export.cannot_write": {
        "zh_CN": "无法写入“{path}”：文件可能正在 Excel 等程序中打开，或文件夹是只读的。",
        "en": "“{path}” cannot be written: it may be open in Excel or another program, "
        "or the folder is read-only.",
    },
    "export.patients.columns": {
        "zh_CN": "编号|姓名|性别|年龄|手机|会员卡号|初诊日期|最近消费|累计消费（元）|"
        "负责人|勿扰|已归档",
        "en": "Id|Name|Sex|Age|Mobile|Card|First visit|Last visit|Spend (yuan)|Owner|"
        "Do not call|Archived",
    },
    "export.tiers.columns": {
        "zh_CN": "排名|编号|姓名|会员卡号|手机|级别|上次级别|变动|本期指标|累计占比|RFM 分群|"
        "回访节奏|会员等级",
        "en": "Rank|Id|Name|Card|Mobile|Tier|Previous tier|Movement|Measure|Cumulative share|"
        "RFM segment|Rhythm|Membership",
    },
    "sex.F": {"zh_CN": "女", "en": "F"},
    "sex.M": {"zh_CN": "男", "en": "M"},
    "export.movement.up": {"zh_CN": "升级", "en": "up"},
    "export.movement.down": {"zh_CN": "降级", "en": "down"},
    "export.movement.same": {"zh_CN": "不变", "en": "same"},
    "export.movement.new": {"zh_CN": "新进", "en": "new"},
    "export.done": {
        "zh_CN": "已导出 {rows:,} 行到“{path}”。",
        "en": "Exported {rows:,} rows to “{path}”.",
    },
    "calls.heading": {
        "zh_CN": "{day} 回访清单：今日 {count:,} 位（必打 {must:,} · 按优先级 {priority:,}）"
        "· 待回访 {backlog:,} 位",
        "en": "Call list for {day}: {count:,} today ({must:,} must call · {priority:,} by "
        "priority) · {backlog:,} more waiting",
    },
    "calls.no_staff": {
        "zh_CN": "没有名为“{name}”的员工。",
        "en": "There is no staff member named “{name}”.",
    },
    "calls.detail.callback": {
        "zh_CN": "约定回访（{date}）",
        "en": "call back as agreed ({date})",
    },
    "calls.detail.follow_up": {"zh_CN": "{title}", "en": "{title}"},
    "calls.detail.maintenance": {
        "zh_CN": "{item}到期（上次 {date}）",
        "en": "{item} due (last {date})",
    },
    "calls.detail.birthday": {"zh_CN": "生日（{date}）", "en": "birthday ({date})"},
    "calls.detail.care": {"zh_CN": "{title}（{date}）", "en": "{title} ({date})"},
    "calls.detail.thanks": {
        "zh_CN": "介绍的{name}已于 {date} 初诊",
        "en": "{name}, whom they referred, first came on {date}",
    },
    "calls.detail.reactivation": {"zh_CN": "{days} 天未到院", "en": "not seen for {days} days"},
    "calls.detail.cadence": {
        "zh_CN": "{tier} 级，{days} 天未联系",
        "en": "tier {tier}, no contact for {days} days",
    },
    "calls.detail.never_contacted": {
        "zh_CN": "{tier} 级，从未回访",
        "en": "tier {tier}, never contacted",
    },
    "calls.detail.campaign": {"zh_CN": "活动：{name}", "en": "campaign: {name}"},
    "search.found": {
        "zh_CN": "“{text}”：找到 {count:,} 位顾客",
        "en": "“{text}”: {count:,} patients found",
    },
    "search.found_one": {
        "zh_CN": "“{text}”：找到 {count:,} 位顾客",
        "en": "“{text}”: {count:,} patient found",
    },
    "search.shown": {
        "zh_CN": "（按匹配程度排列，显示前 {shown:,} 位）",
        "en": " (best matches first; the first {shown:,} shown)",
    },
    "search.none": {"zh_CN": "没有找到“{text}”。", "en": "Nobody matches “{text}”."},
    "search.empty": {
        "zh_CN": "请给出要查找的内容：姓名、拼音（如 wxm）、手机号码或尾号、会员卡号。",
        "en": "Say what to look for: a name, pinyin (such as wxm), a phone number or its "
        "last digits, a card number.",
    },
    "search.bad_limit": {
        "zh_CN": "--limit 应为 0（全部）或正整数（收到 {value}）。",
        "en": "--limit must be 0 (all) or a positive number (got {value}).",
    },
    "search.match.card": {"zh_CN": "会员卡号", "en": "card number"},
    "search.match.phone": {"zh_CN": "手机号", "en": "phone number"},
    "search.match.phone_end": {"zh_CN": "手机尾号", "en": "phone ending"},
    "search.match.name": {"zh_CN": "姓名", "en": "name"},
    "search.match.pinyin_initials": {"zh_CN": "拼音首字母", "en": "pinyin initials"},
    "search.match.pinyin": {"zh_CN": "拼音", "en": "pinyin"},
    "search.match.text": {"zh_CN": "包含", "en": "contains it"},
    "search.last_visit": {"zh_CN": "上次到院 {date}", "en": "last visit {date}"},
    "search.never": {"zh_CN": "未到院", "en": "no visit"},
    "search.archived": {"zh_CN": "已归档", "en": "archived"},
    "search.duplicates": {
        "zh_CN": "可能与编号 {ids} 重复",
        "en": "may duplicate no. {ids}",
    },
    # Issue 16: appointments, the day's workload, undo, script versions.
    "calls.detail.confirm": {
        "zh_CN": "确认预约：{time} {item}",
        "en": "confirm the appointment: {time} {item}",
    },
    "calls.detail.no_show": {
        "zh_CN": "{date} 预约{item}未到",
        "en": "missed the appointment on {date} ({item})",
    },
    "calls.priority": {
        "zh_CN": "优先级 {score} = 价值 {value} ×（基础 {base} + 紧迫 {urgency}"
        " + 已等 {waiting} 天）",
        "en": "priority {score} = value {value} × (base {base} + urgency {urgency}"
        " + {waiting} days waited)",
    },
    "calls.priority_at_risk": {
        "zh_CN": "；价值按流失风险价值 {money}（终身价值 ×（1 − 仍会再来的概率））"
        "在全体顾客中的位置",
        "en": "; the value from the value at risk {money} (lifetime value × (1 − P(alive)))"
        " among all patients",
    },
    "value.bad_datetime": {
        "zh_CN": "{field}：“{value}”不是有效的日期时间（应为 YYYY-MM-DD HH:MM）。",
        "en": "{field}: “{value}” is not a valid date and time (expected YYYY-MM-DD HH:MM).",
    },
    "value.no_such_appointment": {
        "zh_CN": "找不到编号为 {value} 的预约。",
        "en": "There is no appointment with id {value}.",
    },
    "calls.part.must": {"zh_CN": "必打（{count:,} 位）", "en": "Must call ({count:,})"},
    "calls.part.priority": {
        "zh_CN": "按优先级（{count:,} 位）",
        "en": "By priority ({count:,})",
    },
    "calls.tries": {
        "zh_CN": "  〔已连续 {tries} 次未接，上次 {last}〕",
        "en": "  [{tries} unanswered in a row, last {last}]",
    },
    "calls.bad_count": {
        "zh_CN": "{option}：“{value}”太小，至少应为 {least}。",
        "en": "{option}: “{value}” is too small; it must be at least {least}.",
    },
    "calls.booking_needs_booked": {
        "zh_CN": "{field}：只有“已预约”的回访才能同时预约（收到“{value}”）。",
        "en": "{field}: only a “booked” call makes an appointment (got “{value}”).",
    },
    "calls.booked_needs_booking": {
        "zh_CN": "{field}：“已预约”需要预约的日期时间和项目。",
        "en": "{field}: a “booked” call needs the appointment's date, time and item.",
    },
    "calls.undo_unknown": {
        "zh_CN": "找不到这条回访记录，或它不是从回访清单记录的，无法撤销。",
        "en": "This call cannot be undone: it was not logged from the call list, or is gone.",
    },
    "calls.undo_not_today": {
        "zh_CN": "只能撤销今天的回访记录（这条是 {date} 的）。",
        "en": "Only today's calls can be undone (this one is from {date}).",
    },
    "calls.undo_attended": {
        "zh_CN": "这次回访（{date}）约的预约已标记为到诊或爽约，请先在顾客档案中更正预约。",
        "en": "The appointment this call ({date}) booked is marked attended or no-show;"
        " correct it in the patient file first.",
    },
    "value.bad_interval": {
        "zh_CN": "{field}：“{value}”无效，应为 1 到 {max} 之间的整数天数。",
        "en": "{field}: “{value}” is not valid; give a whole number of days from 1 to {max}.",
    },
    "value.no_such_script": {
        "zh_CN": "找不到编号为 {value} 的话术。",
        "en": "There is no script with id {value}.",
    },
    "value.bad_versions": {
        "zh_CN": "话术 {value} 同时使用的版本须为一个或两个，且属于这份话术。",
        "en": "Script {value} uses one version, or two side by side, of its own versions.",
    },
    "appointment.closed.cancelled": {
        "zh_CN": "{value} 的预约已取消，不能再更改；如需要请重新预约。",
        "en": "The appointment of {value} was cancelled and cannot be changed; book a new one.",
    },
    "appointment.closed.attended": {
        "zh_CN": "{value} 的预约已到诊，只能更正为爽约。",
        "en": "The appointment of {value} was attended; it can only be corrected to a no-show.",
    },
    "appointment.closed.no_show": {
        "zh_CN": "{value} 的预约已记为爽约，只能更正为已到诊。",
        "en": "The appointment of {value} is a no-show; it can only be corrected to attended.",
    },
    "backup.folder": {
        "zh_CN": "无法写入备份文件夹“{path}”。",
        "en": "The backup folder “{path}” cannot be written.",
    },
    "backup.failed": {
        "zh_CN": "无法备份“{path}”：复制出的文件未通过检查，未保留。",
        "en": "“{path}” could not be backed up: the copy failed its check and was not kept.",
    },
    "backup.unsound": {
        "zh_CN": "备份“{path}”已损坏（未通过完整性检查），不能用于恢复。",
        "en": "The backup “{path}” is damaged (it fails the integrity check) and cannot "
        "be restored.",
    },
    "backup.done": {"zh_CN": "已备份到“{path}”。", "en": "Backed up to “{path}”."},
    "backup.restored": {
        "zh_CN": "已从“{backup}”恢复；恢复前的文件已另存为“{safety}”。",
        "en": "Restored from “{backup}”; the file as it was is kept as “{safety}”.",
    },
    "backup.confirm": {
        "zh_CN": "将用备份替换诊所文件“{path}”（当前文件会先另存一份备份）。请加 --yes 确认。",
        "en": "This replaces the clinic file “{path}” by the backup (the current file is "
        "kept as a backup first). Add --yes to confirm.",
    },
    "backup.facts": {
        "zh_CN": "备份“{path}”：诊所 {clinic}，{patients:,} 位顾客，备份于 {made}；"
        "已通过全部检查。",
        "en": "The backup “{path}”: clinic {clinic}, {patients:,} patients, made {made}; "
        "it passed every check.",
    },
    "check.empty": {
        "zh_CN": "“{path}”是空文件（0 字节），不是诊所文件的备份，不能用于恢复。",
        "en": "“{path}” is empty (0 bytes): it is not a backup of a clinic file and cannot "
        "be restored.",
    },
    "check.unfinished": {
        "zh_CN": "“{path}”是未完成的副本（备份或恢复中途被打断），不能用于恢复。",
        "en": "“{path}” is an unfinished copy (a backup or a restore that was interrupted) "
        "and cannot be restored.",
    },
    "check.foreign": {
        "zh_CN": "“{path}”是其他程序的 SQLite 数据库，不是 ClinicDesk 诊所文件，不能用于恢复。",
        "en": "“{path}” is another program's SQLite database, not a ClinicDesk clinic file; "
        "it cannot be restored.",
    },
    "check.missing_tables": {
        "zh_CN": "“{path}”不是完整的诊所文件（缺少这些表：{tables}），不能用于恢复。",
        "en": "“{path}” is not a whole clinic file (these tables are missing: {tables}); it "
        "cannot be restored.",
    },
    "check.bad_text": {
        "zh_CN": "“{path}”已损坏：表 {table} 的 {column} 列中有无法读取的文字（有字节被改动），"
        "不能用于恢复。请换一个更早的备份。",
        "en": "“{path}” is damaged: text in the column {column} of the table {table} cannot be "
        "read (a byte was changed). It cannot be restored; choose an earlier backup.",
    },
    "app.already_open": {
        "zh_CN": "诊所文件“{path}”已在另一个 ClinicDesk 窗口中打开。"
        "同时在两个窗口中修改可能互相覆盖。仍要打开吗？",
        "en": "The clinic file “{path}” is open in another ClinicDesk window already. Changes "
        "made in two windows can overwrite each other. Open it anyway?",
    },
    "app.damaged": {
        "zh_CN": "诊所文件“{path}”已损坏，无法安全打开。要用最新的完好备份“{backup}”恢复吗？"
        "（损坏的文件会先另存一份。）",
        "en": "The clinic file “{path}” is damaged and cannot be opened safely. Restore the "
        "newest sound backup “{backup}”? (The damaged file is kept first.)",
    },
    "app.checking_backups": {
        "zh_CN": "诊所文件已损坏：正在查找最新的完好备份……",
        "en": "The clinic file is damaged: looking for the newest sound backup…",
    },
    "app.upgrading": {
        "zh_CN": "正在把诊所文件升级到这个版本（只需一次，数据不会改动）……",
        "en": "Upgrading the clinic file to this version (once only; no data changes)…",
    },
    "app.undoing_import": {
        "zh_CN": "上次导入没有完成（程序意外关闭），正在撤销已写入的部分，"
        "诊所文件会恢复到导入之前……",
        "en": "The last import did not finish (the program closed unexpectedly). Undoing what it "
        "wrote, so that the clinic file is as it was before the import…",
    },
    "app.restoring": {
        "zh_CN": "正在用备份恢复诊所文件……",
        "en": "Restoring the clinic file from the backup…",
    },
    "app.damaged_found": {
        "zh_CN": "后台检查发现诊所文件“{path}”已损坏。要用最新的完好备份“{backup}”恢复吗？"
        "（损坏的文件会先另存一份。）",
        "en": "The background check found the clinic file “{path}” damaged. Restore the "
        "newest sound backup “{backup}”? (The damaged file is kept first.)",
    },
    "app.damaged_no_backup": {
        "zh_CN": "诊所文件“{path}”已损坏，且没有可用的备份。请联系技术支持，不要删除该文件。",
        "en": "The clinic file “{path}” is damaged and there is no sound backup. Ask for "
        "support; do not delete the file.",
    },
    "app.crash": {
        "zh_CN": "出现意外错误（{error}），已记录在日志中：{log}\n诊所文件中已保存的内容不受影响；"
        "未保存的修改可能需要重新输入。",
        "en": "An unexpected error occurred ({error}); it is recorded in the log: {log}\n"
        "What was saved in the clinic file is safe; unsaved edits may need to be entered again.",
    },
    "import.progress": {"zh_CN": "导入中…… {percent}%", "en": "Importing… {percent}%"},
    "import.dry_run": {
        "zh_CN": "试运行：以下为将要导入的结果，未写入任何数据。",
        "en": "Dry run: this is what the import would do; nothing was written.",
    },
    "import.nothing_new_again": {
        "zh_CN": "此文件已于 {when} 导入过，没有新的记录，诊所文件未作改动。",
        "en": "This file was imported on {when}; nothing new, the clinic file is unchanged.",
    },
    "import.nothing_new": {
        "zh_CN": "没有新的记录可导入，诊所文件未作改动。",
        "en": "Nothing new to import; the clinic file is unchanged.",
    },
    "import.done": {"zh_CN": "已导入“{file}”。", "en": "Imported “{file}”."},
    "import.counts": {
        "zh_CN": "共 {rows:,} 行：导入 {imported:,} 条，重复跳过 {duplicates:,} 条，"
        "未导入 {rejected:,} 行，提醒 {warnings:,} 条。",
        "en": "{rows:,} rows: {imported:,} imported, {duplicates:,} duplicates skipped, "
        "{rejected:,} rejected, {warnings:,} warnings.",
    },
    "import.patients": {
        "zh_CN": "新建顾客 {created:,} 位，匹配已有顾客 {matched:,} 位。",
        "en": "{created:,} new patients, {matched:,} existing patients matched.",
    },
    "import.read_as": {
        "zh_CN": "编码 {encoding}；列：{columns}",
        "en": "Encoding {encoding}; columns: {columns}",
    },
    "import.report": {
        "zh_CN": "未导入的行与提醒见报告：{path}",
        "en": "Rejected rows and warnings are in the report: {path}",
    },
    "import.dry_run_issues": {
        "zh_CN": "未导入的行与提醒（试运行，未写报告）：",
        "en": "Rows that would be rejected, and warnings (dry run: no report written):",
    },
    "import.issue_line": {
        "zh_CN": "第 {row} 行：{outcome}：{reason}",
        "en": "row {row}: {outcome}: {reason}",
    },
    "import.no_file": {"zh_CN": "找不到文件“{path}”。", "en": "The file “{path}” does not exist."},
    "import.xls": {
        "zh_CN": "“{path}”是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入。",
        "en": "“{path}” is an old Excel (.xls) file: save it as .xlsx or CSV in Excel, "
        "then import that.",
    },
    "import.empty": {"zh_CN": "文件“{path}”是空的。", "en": "The file “{path}” is empty."},
    "import.not_a_table": {
        "zh_CN": "“{path}”不像账单导出表：前 10 行中找不到日期、金额等表头。",
        "en": "“{path}” does not look like a billing export: no header with a date, an "
        "amount and so on in its first 10 rows.",
    },
    "import.bad_encoding": {
        "zh_CN": "无法按 {encoding} 编码读取“{path}”，请换一种编码。",
        "en": "“{path}” cannot be read as {encoding}; choose another encoding.",
    },
    "import.no_sheet": {
        "zh_CN": "没有名为“{sheet}”的工作表（有：{sheets}）。",
        "en": "There is no sheet “{sheet}” (there are: {sheets}).",
    },
    "import.missing_columns": {
        "zh_CN": "找不到这些列：{fields}。表头为：{headers}。可用 --map 列名=字段 指定。",
        "en": "These columns are missing: {fields}. The header is: {headers}. Map them "
        "with --map COLUMN=field.",
    },
    "import.bad_map": {
        "zh_CN": "列映射“{value}”无效：应为 列名=字段，字段可为 {fields}。",
        "en": "Invalid mapping “{value}”: use COLUMN=field, the field one of {fields}.",
    },
    "import.reject.date": {
        "zh_CN": "日期“{value}”无法识别",
        "en": "the date “{value}” cannot be read",
    },
    "import.amount.empty": {"zh_CN": "金额为空", "en": "the amount is empty"},
    "import.amount.not_number": {
        "zh_CN": "金额“{value}”不是数字",
        "en": "the amount “{value}” is not a number",
    },
    "import.amount.chinese": {
        "zh_CN": "金额“{value}”是汉字数字，请写成阿拉伯数字（如 300）",
        "en": "the amount “{value}” is written in Chinese numerals; write it in digits "
        "(such as 300)",
    },
    "import.amount.exponent": {
        "zh_CN": "金额“{value}”是科学计数法，请在 Excel 中把该列设为“数值”格式后再导出",
        "en": "the amount “{value}” is written with an exponent; format the column as a "
        "number in Excel and export again",
    },
    "import.amount.grouping": {
        "zh_CN": "金额“{value}”中的千位分隔符位置不对（应每三位一组，如 1,280.00）",
        "en": "the thousands separators of the amount “{value}” are in the wrong places "
        "(groups of three digits, as in 1,280.00)",
    },
    "import.amount.decimals": {
        "zh_CN": "金额“{value}”超过两位小数（最小单位是分）",
        "en": "the amount “{value}” has more than two decimals (the smallest unit is a fen)",
    },
    "import.amount.too_large": {
        "zh_CN": "金额“{value}”超过每笔消费的上限 {limit}（可在设置中修改）",
        "en": "the amount “{value}” is over the limit of {limit} a charge (a setting)",
    },
    "import.reject.date_too_old": {
        "zh_CN": "日期“{value}”早于 1900 年",
        "en": "the date “{value}” is before 1900",
    },
    "import.reject.date_too_far": {
        "zh_CN": "日期“{value}”晚于导入日一年以上（最晚 {latest}）",
        "en": "the date “{value}” is more than a year after the import (at the latest {latest})",
    },
    "import.warn.future_date": {
        "zh_CN": "日期“{value}”晚于今天（{today}），已导入，请核对",
        "en": "the date “{value}” is after today ({today}); imported, please check",
    },
    "import.warn.landline": {
        "zh_CN": "电话“{value}”不是手机号，已作为备用电话保存",
        "en": "the phone “{value}” is not a mobile number; it was kept as the other phone",
    },
    "import.reject.quote": {
        "zh_CN": "引号不成对：第 {row} 行的引号没有结束，本行未导入（其后的行照常读取）",
        "en": "an unbalanced quote from row {row}: this row was not imported (the rows "
        "after it were read normally)",
    },
    "import.reject.nul": {
        "zh_CN": "本行含有空字符（NUL），文件可能已损坏",
        "en": "the row contains a NUL character: the file may be damaged",
    },
    "import.reject.too_long": {
        "zh_CN": "“{column}”列的单元格有 {length:,} 个字符，超过 Excel 单元格上限 32,767",
        "en": "the cell in the column “{column}” holds {length:,} characters, more than "
        "Excel's 32,767 a cell",
    },
    "import.quote_summary": {
        "zh_CN": "{count:,} 行的引号不成对（第 {rows} 行），未导入；其后的行已照常读取。",
        "en": "{count:,} rows had an unbalanced quote (rows {rows}) and were not imported; "
        "the rows after them were read normally.",
    },
    "import.reject.refused": {
        "zh_CN": "“{column}”的值“{value}”不能存入诊所文件，本行未导入",
        "en": "the value “{value}” of “{column}” cannot be stored in the clinic file; the row "
        "was not imported",
    },
    "import.reject.identity": {
        "zh_CN": "没有会员卡号、手机号或姓名，无法确定顾客",
        "en": "no card number, mobile or name: the patient is unknown",
    },
    "import.warn.bad_phone": {
        "zh_CN": "电话“{value}”不是有效的手机号，已忽略",
        "en": "the phone “{value}” is not a valid mobile number and was left out",
    },
    "import.warn.by_name": {
        "zh_CN": "只有姓名，按姓名“{name}”归入同名顾客，请核对",
        "en": "name only: matched to the patient named “{name}”; please check",
    },
    "import.warn.name_only": {
        "zh_CN": "只有姓名，已按姓名“{name}”新建顾客档案",
        "en": "name only: a new file was created for “{name}”",
    },
    "import.warn.ambiguous_name": {
        "zh_CN": "只有姓名，且有多位顾客叫“{name}”：已新建档案，如为同一人请合并",
        "en": "name only, and several patients are named “{name}”: a new file was created; "
        "merge it if it is the same person",
    },
    "import.warn.conflict": {
        "zh_CN": "卡号与手机号分属不同的顾客（编号 {ids}），已归入第一位",
        "en": "the card and the mobile belong to different patients (ids {ids}); the "
        "first was used",
    },
    "import.warn.cards": {
        "zh_CN": "同一位顾客有多个卡号：{cards}",
        "en": "one patient has several card numbers: {cards}",
    },
    "import.warn.unnamed": {
        "zh_CN": "没有姓名，新档案以卡号或手机号命名，请补充姓名",
        "en": "no name: the new file is named after the card or mobile; please add the name",
    },
    "import.unnamed": {"zh_CN": "未留姓名 {ident}", "en": "No name {ident}"},
    "import.no_item": {"zh_CN": "未注明项目", "en": "Item not given"},
    "import.source": {"zh_CN": "账单导入", "en": "Billing import"},
    "report.row": {"zh_CN": "行号", "en": "Row"},
    "report.outcome": {"zh_CN": "结果", "en": "Outcome"},
    "report.reason": {"zh_CN": "原因", "en": "Reason"},
    "report.rejected": {"zh_CN": "未导入", "en": "rejected"},
    "report.reason_sep": {"zh_CN": "；", "en": "; "},
    "report.warning": {"zh_CN": "提醒", "en": "warning"},
    "merge.same": {"zh_CN": "不能把档案与自己合并。", "en": "A file cannot be merged with itself."},
    "merge.already": {
        "zh_CN": "“{value}”的档案已合并到其他档案。",
        "en": "The file of “{value}” was already merged into another.",
    },
    "value.bad_date": {
        "zh_CN": "{field}：“{value}”不是有效日期（可写作 1990-03-05、1990/3/5、1990.3.5、"
        "1990年3月5日 或 19900305）。",
        "en": "{field}: “{value}” is not a valid date (write it as 1990-03-05, 1990/3/5, "
        "1990.3.5, 1990年3月5日 or 19900305).",
    },
    "value.bad_phone": {
        "zh_CN": "{field}：“{value}”不是有效的中国大陆手机号（11 位，以 1 开头）。",
        "en": "{field}: “{value}” is not a valid mainland mobile number "
        "(11 digits, starting with 1).",
    },
    "value.bad_amount": {
        "zh_CN": "{field}：“{value}”不是有效金额。",
        "en": "{field}: “{value}” is not a valid amount.",
    },
    "value.required": {
        "zh_CN": "{field}不能为空。",
        "en": "{field} is required.",
    },
    "value.too_large": {
        "zh_CN": "{field}：“{value}”超过每笔消费的上限 {limit}（可在设置中修改）。",
        "en": "{field}: “{value}” is over the limit of {limit} a charge (a setting).",
    },
    "value.future_date": {
        "zh_CN": "{field}：“{value}”在今天之后。",
        "en": "{field}: “{value}” is after today.",
    },
    "value.unknown_field": {
        "zh_CN": "未知字段：{value}。",
        "en": "Unknown field: {value}.",
    },
    "value.bad_choice": {
        "zh_CN": "{field}：“{value}”不是可选值之一（{choices}）。",
        "en": "{field}: “{value}” is not one of {choices}.",
    },
    "value.duplicate_name": {
        "zh_CN": "“{value}”这个名称已经用过了。",
        "en": "The name “{value}” is taken already.",
    },
    "value.duplicate_card": {
        "zh_CN": "会员卡号“{value}”已属于另一位顾客。",
        "en": "The card number “{value}” already belongs to another patient.",
    },
    "value.duplicate_patient": {
        "zh_CN": "可能重复：顾客“{value}”（编号 {id}）{rule}。请打开已有档案，或与其合并。",
        "en": "Possible duplicate: “{value}” (no. {id}) {rule}. Open that file, or merge the two.",
    },
    "value.duplicate_card_of": {
        "zh_CN": "会员卡号“{value}”已属于顾客“{name}”（编号 {id}）。请打开已有档案，或与其合并。",
        "en": "The card number “{value}” belongs to “{name}” (no. {id}) already. Open that "
        "file, or merge the two.",
    },
    "duplicate.mobile": {"zh_CN": "手机号相同", "en": "has the same mobile"},
    "duplicate.card_no": {"zh_CN": "会员卡号相同", "en": "has the same card number"},
    "duplicate.name_birth": {
        "zh_CN": "姓名和出生日期相同",
        "en": "has the same name and birth date",
    },
    "value.past_date": {
        "zh_CN": "{field}：“{value}”已经过去，请填今天或以后的日期。",
        "en": "{field}: “{value}” is in the past; give today or a later date.",
    },
    "value.no_tier_override": {
        "zh_CN": "编号 {value} 的顾客没有手动固定的级别。",
        "en": "Patient no. {value} has no tier fixed by hand.",
    },
    "value.no_such_patient": {
        "zh_CN": "找不到编号为 {value} 的顾客。",
        "en": "There is no patient with id {value}.",
    },
    "value.self_referral": {
        "zh_CN": "顾客不能是自己的介绍人。",
        "en": "A patient cannot have referred themselves.",
    },
    "value.referral_cycle": {
        "zh_CN": "介绍关系不能成环（{value} 已由此顾客直接或间接介绍）。",
        "en": "Referrals cannot form a loop ({value} was referred, directly or not, "
        "by this patient).",
    },
}

_FIELD_NAMES: dict[str, dict[str, str]] = {
    "name": {"zh_CN": "姓名", "en": "Name"},
    "birth_date": {"zh_CN": "出生日期", "en": "Birth date"},
    "mobile": {"zh_CN": "手机号", "en": "Mobile"},
    "mobile2": {"zh_CN": "备用电话", "en": "Second phone"},
    "first_visit": {"zh_CN": "初诊日期", "en": "First visit"},
    "date": {"zh_CN": "日期", "en": "Date"},
    "item": {"zh_CN": "项目", "en": "Item"},
    "amount": {"zh_CN": "金额", "en": "Amount"},
    "card_no": {"zh_CN": "会员卡号", "en": "Card number"},
    "next_contact": {"zh_CN": "下次联系日期", "en": "Next contact date"},
    "contacted_at": {"zh_CN": "联系时间", "en": "Contact time"},
    "patient": {"zh_CN": "顾客", "en": "Patient"},
    "sex": {"zh_CN": "性别", "en": "Sex"},
    "marital_status": {"zh_CN": "婚姻状况", "en": "Marital status"},
    "channel": {"zh_CN": "联系方式", "en": "Channel"},
    "purpose": {"zh_CN": "联系目的", "en": "Purpose"},
    "outcome": {"zh_CN": "结果", "en": "Outcome"},
    "kind": {"zh_CN": "类型", "en": "Kind"},
    "title": {"zh_CN": "标题", "en": "Title"},
    "note": {"zh_CN": "备注", "en": "Note"},
    "role": {"zh_CN": "岗位", "en": "Role"},
    "measure": {"zh_CN": "指标", "en": "Measure"},
    "script": {"zh_CN": "话术", "en": "Script"},
    "fallback": {"zh_CN": "备用话术", "en": "Fallback text"},
    "phone": {"zh_CN": "手机号", "en": "Mobile"},
    "wechat": {"zh_CN": "微信", "en": "WeChat"},
    "address": {"zh_CN": "地址", "en": "Address"},
    "occupation": {"zh_CN": "职业", "en": "Occupation"},
    "personality": {"zh_CN": "性格", "en": "Personality"},
    "hobbies": {"zh_CN": "爱好", "en": "Hobbies"},
    "background": {"zh_CN": "背景", "en": "Background"},
    "taboos": {"zh_CN": "忌讳", "en": "Taboos"},
    "source": {"zh_CN": "来源", "en": "How they came"},
    "referred_by": {"zh_CN": "介绍人", "en": "Referred by"},
    "owner_id": {"zh_CN": "负责人", "en": "Owner"},
    "notes": {"zh_CN": "备注", "en": "Notes"},
    "do_not_call": {"zh_CN": "勿扰", "en": "Do not call"},
    "category": {"zh_CN": "类别", "en": "Category"},
    "staff": {"zh_CN": "经办人", "en": "Staff"},
    "clinic_name": {"zh_CN": "诊所名称", "en": "The clinic's name"},
    "reason": {"zh_CN": "原因", "en": "Reason"},
    "tier": {"zh_CN": "级别", "en": "Tier"},
    "until": {"zh_CN": "结束日期", "en": "End date"},
    "important_note": {"zh_CN": "重要提示", "en": "Important note"},
    "horizon_months": {"zh_CN": "终身价值期限（月）", "en": "Lifetime value horizon (months)"},
    "monthly_discount": {"zh_CN": "月折现率", "en": "Monthly discount rate"},
    "forecast_months": {"zh_CN": "预测期（月）", "en": "Forecast months"},
    "check_months": {"zh_CN": "校验期（月）", "en": "Check months"},
    "starts_at": {"zh_CN": "预约时间", "en": "Appointment time"},
    "interval_days": {"zh_CN": "复诊间隔", "en": "Recall interval"},
    "appointment": {"zh_CN": "预约", "en": "Appointment"},
    "status": {"zh_CN": "状态", "en": "Status"},
}


def _merge(*areas: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for area in areas:
        twice = merged.keys() & area.keys()
        if twice:
            raise ValueError(f"message keys defined twice: {sorted(twice)}")
        merged.update(area)
    return merged


_CATALOGUE = _merge(_MESSAGES, cli.MESSAGES, start.MESSAGES, names.MESSAGES, value.MESSAGES)


def system_language(saved: str | None = None) -> str:
    """The language to speak: `CLINICDESK_LANG`, else `saved` (the one chosen in the
    window's settings on this PC), else the system locale, else Chinese."""
    wanted = os.environ.get("CLINICDESK_LANG")
    if not wanted and saved in LANGUAGES:
        return saved
    wanted = wanted or _locale_name()
    return "en" if wanted.lower().startswith("en") else "zh_CN"


def _locale_name() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return os.environ[var]
    return locale.getlocale()[0] or "zh_CN"


def field_name(field: str, language: str | None = None) -> str:
    """The user-facing name of a record field, e.g. ``mobile`` -> 手机号."""
    names = _FIELD_NAMES.get(field)
    return names[language or system_language()] if names else field


def message(key: str, language: str | None = None, **params: object) -> str:
    """The text of message `key` in `language` (default: the system's), formatted."""
    lang = language or system_language()
    if "field" in params:
        params["field"] = field_name(str(params["field"]), lang)
    return _CATALOGUE[key][lang].format(**params)


def code_name(area: str, code: str | None, language: str) -> str:
    """The name of one of the engine's or the store's codes in `language`: `area` is
    ``rfm``, ``lapse``, ``membership`` or ``outcome`` (``code_name("rfm", "at_risk", …)``).
    A code the catalogue does not name (a clinic's own membership level) is shown as it is.
    """
    key = f"{area}.{code}"
    return _CATALOGUE[key][language] if key in _CATALOGUE else code or ""


def has_message(key: str) -> bool:
    """Whether `key` is a known message (every language has every key)."""
    return key in _CATALOGUE


def all_messages() -> dict[str, dict[str, str]]:
    """Every message in every language, for the completeness test."""
    return _CATALOGUE


def argparse_text(text: str, language: str) -> str:
    """One of argparse's own strings (given in English) in `language`."""
    return argparse_texts.ZH_CN.get(text, text) if language == "zh_CN" else text
