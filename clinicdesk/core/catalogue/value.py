"""Lifetime value's messages: core/value's (``clv.*``) and ``clinicdesk value``'s help
(``cli.value*``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "clv.no_fit": {
        "zh_CN": "无法用本诊所的历史数据拟合 {model} 模型。",
        "en": "The {model} model could not be fitted to this clinic's history.",
    },
    "clv.too_little_history": {
        "zh_CN": "历史数据太少，无法预测：只有 {repeat} 位顾客再次到院，至少需要 {needed} 位。",
        "en": "Too little history for a forecast: {repeat} patients came back, "
        "at least {needed} are needed.",
    },
    "clv.bad_setting": {
        "zh_CN": "{field}：“{value}”应在 {low} 到 {high} 之间。",
        "en": "{field}: “{value}” must be between {low} and {high}.",
    },
    "clv.heading": {
        "zh_CN": "终身价值预测：截至 {to} 的历史，{patients:,} 位顾客"
        "（其中 {repeat:,} 位再次到院）",
        "en": "Lifetime value: history up to {to}, {patients:,} patients ({repeat:,} came back)",
    },
    "clv.bgnbd": {
        "zh_CN": "BG/NBD 到院模型（时间单位：天）：r = {r:.3f}，α = {alpha:.3f}，a = {a:.3f}，"
        "b = {b:.3f}；对数似然 {ll:,.1f}",
        "en": "BG/NBD visit model (time unit: day): r = {r:.3f}, α = {alpha:.3f}, a = {a:.3f}, "
        "b = {b:.3f}; log-likelihood {ll:,.1f}",
    },
    "clv.gamma_gamma": {
        "zh_CN": "Gamma-Gamma 消费模型（金额单位：元）：p = {p:.2f}，q = {q:.2f}，γ = {gamma:.2f}；"
        "对数似然 {ll:,.1f}；全体平均每次消费 {mean}",
        "en": "Gamma-Gamma spend model (money in yuan): p = {p:.2f}, q = {q:.2f}, "
        "γ = {gamma:.2f}; log-likelihood {ll:,.1f}; mean spend per visit {mean}",
    },
    "clv.no_spend": {
        "zh_CN": "再次到院且有消费的顾客不足 {needed} 位：不估计消费金额与终身价值。",
        "en": "Fewer than {needed} repeat patients with spend: "
        "no spend or lifetime value estimates.",
    },
    "clv.check": {
        "zh_CN": "模型校验：用 {cutoff} 及以前的历史预测此后至 {to} 的到院次数："
        "预测 {predicted:,.0f}，实际 {actual:,}",
        "en": "Check: fitted on the history up to {cutoff}, it predicted {predicted:,.0f} visits "
        "from then to {to}; there were {actual:,}",
    },
    "clv.check_too_little": {
        "zh_CN": "模型校验：截至 {cutoff} 只有 {repeat} 位顾客再次到院（至少需要 {needed} 位），"
        "历史太少，无法校验。",
        "en": "Check: only {repeat} patients had come back by {cutoff} (at least {needed} "
        "needed): too little history to check.",
    },
    "clv.top": {
        "zh_CN": "终身价值最高的 {count} 位顾客（{months} 个月，月折现率 {discount}）：",
        "en": "The {count} patients of highest lifetime value ({months} months, "
        "discounted {discount} a month):",
    },
    "clv.columns": {
        "zh_CN": "编号|姓名|仍活跃概率|未来 {forecast} 个月到院|未来 {forecast} 个月消费|终身价值",
        "en": "Id|Name|P(alive)|Visits next {forecast} months|Revenue next {forecast} months|"
        "Lifetime value",
    },
    "cli.value": {
        "zh_CN": "预测顾客是否还会再来及其终身价值（BG/NBD 与 Gamma-Gamma 模型）",
        "en": "forecast who comes back and each patient's lifetime value (BG/NBD + Gamma-Gamma)",
    },
    "cli.value.about": {
        "zh_CN": "用本诊所的历史拟合 BG/NBD 到院模型与 Gamma-Gamma 消费模型，"
        "显示参数（时间单位：天）、对数似然、模型校验（用较早的历史预测最近几个月，与实际对照）"
        "及终身价值最高的顾客。",
        "en": "Fit the BG/NBD visit model and the Gamma-Gamma spend model on the clinic's "
        "history; print the parameters (time in days), the log-likelihood, the calibration "
        "check (the last months predicted from the history before them, against what "
        "happened) and the patients of highest lifetime value.",
    },
    "cli.value.to": {
        "zh_CN": "分析日期：只使用此日及以前的历史（默认：今天）",
        "en": "the analysis date: the history up to this day is used (default: today)",
    },
    "cli.value.horizon": {
        "zh_CN": "终身价值的期限，单位：月（默认：诊所设置，否则 36）",
        "en": "the lifetime value's horizon in months (default: the clinic's setting, else 36)",
    },
}
