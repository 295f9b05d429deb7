"""Starting out: creating a clinic, this PC's current clinic, the window's pre-flight."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "new.exists": {
        "zh_CN": "“{path}”已存在，不会覆盖它。请换一个路径，或用 --db {path} 直接打开它。",
        "en": "“{path}” exists already and is left as it is. Choose another path, or open it "
        "with --db {path}.",
    },
    "new.done": {
        "zh_CN": "已新建诊所“{name}”：{path}（现为本机当前诊所）。",
        "en": "Created the clinic “{name}”: {path} (now this PC's current clinic).",
    },
    "db.no_current": {
        "zh_CN": "本机还没有诊所文件。新建诊所：clinicdesk new --name 诊所名称；"
        "看看演示诊所：clinicdesk demo；或用 --db 路径 指定已有的诊所文件。",
        "en": "There is no clinic file on this PC yet. Create one with clinicdesk new "
        "--name NAME, build the demo with clinicdesk demo, or name an existing clinic "
        "file with --db PATH.",
    },
    "db.current_missing": {
        "zh_CN": "本机当前诊所“{path}”已不存在（被移动或删除，或在未插入的移动盘上）。"
        "请用 --db 路径 指定诊所文件，或用 clinicdesk new 新建诊所。",
        "en": "This PC's current clinic “{path}” is not there any more (moved, deleted, or "
        "on a drive that is not plugged in). Name the clinic file with --db PATH, or "
        "create one with clinicdesk new.",
    },
    "info.current": {"zh_CN": "本机当前诊所", "en": "This PC's current clinic"},
}
