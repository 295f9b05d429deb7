"""The phone scripts ClinicDesk ships, per reason, in Chinese and English.

Written to the clinic file the first time the call list is used; from then on the
clinic edits its own copies (the dental practice of DOMAIN.md rewrote its script five
times in one day).
"""

from __future__ import annotations

# (reason, tier or None, language, name, body, fallback)
DEFAULT_SCRIPTS: tuple[tuple[str, str | None, str, str, str, str], ...] = (
    ("recall", None, "zh_CN", "复诊提醒",
     "{称呼}您好，我是{诊所|诊所}的{我的名字|顾问}。您上次在我们这里做的{上次项目|项目}"
     "（{上次到院}）已经到了复查/维护的时间，最近方便过来看看吗？{优惠|}",
     "您好，我是诊所的顾问。按照您的护理计划，现在到了复查的时间，最近方便过来看看吗？"),
    ("recall", None, "en", "Recall",
     "Hello {address}, this is {my_name|your consultant} from {clinic|the clinic}."
     " Your {last_item|treatment} on {last_visit} is due for its check-up. Would you like to come in this week? {offer|}",
     "Hello, this is your consultant from the clinic. Your check-up is due; would you like"
     " to come in this week?"),
    ("reactivation", None, "zh_CN", "沉睡激活",
     "{称呼}您好，我是{诊所|诊所}的{我的名字|顾问}，好久没见到您了（上次是{上次到院}）。"
     "最近我们有{优惠|一项老顾客专享的洁牙/皮肤检测}，想邀请您回来看看，您看哪天方便？",
     "您好，我是诊所的顾问，好久没见到您了。最近我们有老顾客专享的活动，想邀请您回来看看。"),
    ("reactivation", "A", "zh_CN", "沉睡激活（A 级）",
     "{称呼}您好，我是{我的名字|您的专属顾问}。{间隔天数}天没见到您，我们都挺惦记的。"
     "您上次做的{上次项目|项目}效果还满意吗？院长特别为老朋友留了{优惠|一次免费的复查}，"
     "我帮您约个时间？",
     "您好，我是您的专属顾问，好久没见到您，我们都挺惦记的。院长特别为老朋友留了一次免费复查，"
     "我帮您约个时间？"),
    ("reactivation", None, "en", "Reactivation",
     "Hello {address}, this is {my_name|your consultant} from {clinic|the clinic}."
     " We haven't seen you since {last_visit}. We'd love to welcome you back with {offer|a complimentary check-up}."
     " When would suit you?",
     "Hello, this is your consultant from the clinic. It has been a while; we'd love to"
     " welcome you back with a complimentary check-up."),
    ("cadence", None, "zh_CN", "定期问候",
     "{称呼}您好，我是{诊所|诊所}的{我的名字|顾问}，例行回访一下：{上次项目|上次的项目}之后感觉怎么样？"
     "有什么需要随时找我。",
     "您好，我是诊所的顾问，例行回访一下，最近感觉怎么样？有什么需要随时找我。"),
    ("cadence", None, "en", "Keeping in touch",
     "Hello {address}, this is {my_name|your consultant} from {clinic|the clinic},"
     " just checking in: how have you been since your {last_item|last visit}? Call me any time you need anything.",
     "Hello, this is your consultant from the clinic, just checking in. Call me any time."),
    ("care", None, "zh_CN", "关怀问候",
     "{称呼}您好，我是{我的名字|顾问}。{事由|想问候您一下}，祝您一切顺利！有需要随时联系我。",
     "您好，我是诊所的顾问，特地来问候您一下，祝您一切顺利！"),
    ("care", None, "en", "Care call",
     "Hello {address}, this is {my_name|your consultant}. {reason|Just calling to say hello} —"
     " all the best from all of us at {clinic|the clinic}!",
     "Hello, this is your consultant from the clinic, calling to send our best wishes."),
    ("thanks", None, "zh_CN", "感谢推荐",
     "{称呼}您好，我是{诊所|诊所}的{我的名字|顾问}。谢谢您介绍朋友来我们这里，{事由|}。"
     "为表感谢，我们为您准备了{优惠|一份小礼物}，下次来时记得找我领取。",
     "您好，我是诊所的顾问，谢谢您介绍朋友来我们这里！我们为您准备了一份小礼物。"),
    ("thanks", None, "en", "Thank you",
     "Hello {address}, this is {my_name|your consultant} from {clinic|the clinic}. Thank you for"
     " recommending us — {reason|}. We have {offer|a small gift} for you on your next visit.",
     "Hello, this is your consultant from the clinic: thank you for recommending us!"),
    ("callback", None, "zh_CN", "约定回访",
     "{称呼}您好，我是{我的名字|顾问}，上次约好今天再联系您，现在方便说几句吗？",
     "您好，我是诊所的顾问，上次约好今天再联系您，现在方便吗？"),
    ("callback", None, "en", "Call back",
     "Hello {address}, this is {my_name|your consultant}; we agreed I'd call you back today."
     " Is now a good time?",
     "Hello, this is your consultant calling back as agreed. Is now a good time?"),
    ("follow_up", None, "zh_CN", "术后回访",
     "{称呼}您好，我是{诊所|诊所}的{我的名字|顾问}。{事由|术后回访}，想问问您恢复得怎么样，"
     "有没有哪里不舒服？有任何问题随时联系我们。",
     "您好，我是诊所的顾问，想了解一下您术后恢复得怎么样，有任何问题随时联系我们。"),
    ("follow_up", None, "en", "Follow-up",
     "Hello {address}, this is {my_name|your consultant} from {clinic|the clinic}, calling"
     " for your {reason|follow-up}: how are you recovering? Call us any time if anything worries you.",
     "Hello, this is your consultant from the clinic, checking how you are recovering."
     " Call us any time if anything worries you."),
    ("confirm", None, "zh_CN", "预约确认",
     "{称呼}您好，我是{诊所|诊所}的{我的名字|顾问}，跟您确认一下：{事由}，您能按时过来吗？",
     "您好，我是诊所的顾问，跟您确认一下明天的预约，您能按时过来吗？"),
    ("confirm", None, "en", "Confirmation",
     "Hello {address}, this is {my_name|your consultant} from {clinic|the clinic}, confirming"
     " your appointment: {reason}. Will you be able to come?",
     "Hello, this is your consultant from the clinic, confirming your appointment tomorrow."
     " Will you be able to come?"),
    ("no_show", None, "zh_CN", "爽约关怀",
     "{称呼}您好，我是{诊所|诊所}的{我的名字|顾问}。{事由}，您没能过来，一切都好吗？"
     "我帮您重新约个时间？",
     "您好，我是诊所的顾问，您昨天的预约没能过来，一切都好吗？我帮您重新约个时间？"),
    ("no_show", None, "en", "Missed appointment",
     "Hello {address}, this is {my_name|your consultant} from {clinic|the clinic}. We missed"
     " you ({reason}); is everything all right? Shall I find you a new time?",
     "Hello, this is your consultant from the clinic. We missed you at your appointment;"
     " shall I find you a new time?"),
    ("campaign", None, "zh_CN", "活动邀请",
     "{称呼}您好，我是{诊所|诊所}的{我的名字|顾问}，我们这个月有{优惠|一项老顾客活动}，"
     "想第一时间告诉您，您看哪天方便过来？",
     "您好，我是诊所的顾问，我们这个月有老顾客活动，想第一时间告诉您。"),
    ("campaign", None, "en", "Campaign",
     "Hello {address}, this is {my_name|your consultant} from {clinic|the clinic}. This month we have"
     " {offer|an offer for our patients} and wanted you to hear it first. When could you come?",
     "Hello, this is your consultant from the clinic with this month's offer for our patients."),
)  # fmt: skip
