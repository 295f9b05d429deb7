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
    "preflight.missing": {
        "zh_CN": "无法打开窗口：Qt 的平台插件（{plugins}）缺少这些系统库：{libraries}。\n"
        "在 Debian 或 Ubuntu 上这样安装：\n  sudo apt-get install {packages}",
        "en": "The window cannot open: Qt's platform plugin ({plugins}) lacks these system "
        "libraries: {libraries}.\nOn Debian or Ubuntu, install them with:\n"
        "  sudo apt-get install {packages}",
    },
    "preflight.missing_unknown": {
        "zh_CN": "无法打开窗口：Qt 的平台插件（{plugins}）缺少这些系统库：{libraries}。\n"
        "在 Debian 或 Ubuntu 上这样安装：\n  sudo apt-get install {packages}\n"
        "{unknown} 所属的软件包不在本程序的清单中，可用 apt-file search 查找。",
        "en": "The window cannot open: Qt's platform plugin ({plugins}) lacks these system "
        "libraries: {libraries}.\nOn Debian or Ubuntu, install them with:\n"
        "  sudo apt-get install {packages}\nThe package of {unknown} is not in this "
        "program's list: apt-file search finds it.",
    },
    "preflight.missing_no_package": {
        "zh_CN": "无法打开窗口：Qt 的平台插件（{plugins}）缺少这些系统库：{libraries}。\n"
        "它们所属的软件包不在本程序的清单中，可用 apt-file search 查找。",
        "en": "The window cannot open: Qt's platform plugin ({plugins}) lacks these system "
        "libraries: {libraries}.\nTheir packages are not in this program's list: "
        "apt-file search finds them.",
    },
    "preflight.no_display": {
        "zh_CN": "无法打开窗口：没有可用的屏幕（Qt 平台插件“{plugin}”找不到显示服务，"
        "未设置 DISPLAY 或 WAYLAND_DISPLAY）。请在桌面中运行；没有屏幕的机器可用 xvfb-run，"
        "或用 --screenshots 目录 检查窗口。",
        "en": "The window cannot open: there is no screen (Qt's platform plugin “{plugin}” "
        "finds no display server: DISPLAY and WAYLAND_DISPLAY are not set). Run it from "
        "the desktop; on a machine without a screen use xvfb-run, or check the window "
        "with --screenshots DIR.",
    },
    "info.current": {"zh_CN": "本机当前诊所", "en": "This PC's current clinic"},
}
