"""argparse's own strings (usage, sections, usage errors) in Chinese, by their English text.

argparse passes each of these through gettext; `clinicdesk.cli.parser` hands it this
table instead. The English text is the key, so English needs no table. Strings a user can
never see (errors in how a program builds its parser) are left out.
"""

from __future__ import annotations

ZH_CN: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",  # Python < 3.10
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r?": (
        "无效的选择：%(value)r，是否想输入 %(closest)r？"
    ),
    "invalid %(type)s value: %(value)r": "%(type)s 值无效：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 有歧义，可能是：%(matches)s"
    ),
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ignored explicit argument %r": "多余的值 %r 被忽略",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "未知的子命令 %(parser_name)r（可选：%(choices)s）"
    ),
    "option '%(option)s' is deprecated": "选项“%(option)s”已不推荐使用",
    "command '%(parser_name)s' is deprecated": "子命令“%(parser_name)s”已不推荐使用",
    "argument '%(argument_name)s' is deprecated": "参数“%(argument_name)s”已不推荐使用",
}
