<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Find a patient by name, pinyin initials or phone digits, and keep the whole file.</source>
        <translation>按姓名、拼音首字母或手机号码几位数字找到顾客，并完整记录其档案。</translation>
    </message>
    <message>
        <source>Patient file</source>
        <translation>顾客档案</translation>
    </message>
    <message>
        <source>Where the revenue comes from: ABC tiers, the Pareto curve, who moved and who is slipping away.</source>
        <translation>收入从哪里来：ABC 分级、帕累托曲线、谁的级别变了、谁正在流失。</translation>
    </message>
    <message>
        <source>Tier overview</source>
        <translation>分级概览</translation>
    </message>
    <message>
        <source>Who to phone today, why, in what order, with the script filled in.</source>
        <translation>今天给谁打电话、为什么、按什么顺序，话术已替您填好。</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>回访清单</translation>
    </message>
    <message>
        <source>%1 · %2 patients</source>
        <translation>%1 · %2 位顾客</translation>
    </message>
    <message>
        <source>This part is being built.</source>
        <translation>此部分正在开发中。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ClinicDesk</source>
        <translation>关于 ClinicDesk(&amp;A)</translation>
    </message>
    <message>
        <source>About ClinicDesk</source>
        <translation>关于 ClinicDesk</translation>
    </message>
    <message>
        <source>ClinicDesk %1
Patient relationships for small private clinics, offline on one clinic file.</source>
        <translation>ClinicDesk %1
小型私立诊所的顾客关系管理，离线运行，数据保存在一个诊所文件中。</translation>
    </message>
</context>
</TS>