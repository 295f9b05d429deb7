<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import billing export</source>
        <translation>导入账单导出表</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Export file:</source>
        <translation>导出文件：</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Keep other columns in the charge's note</source>
        <translation>其他列写入消费记录的备注</translation>
    </message>
    <message>
        <source>Columns: check what each column holds</source>
        <translation>列：请核对每一列的内容</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>第一行的值</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>The first rows as they will be imported</source>
        <translation>前几行的导入效果</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Choose a billing export</source>
        <translation>选择账单导出文件</translation>
    </message>
    <message>
        <source>Billing exports (*.csv *.txt *.xlsx);;All files (*)</source>
        <translation>账单导出文件 (*.csv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Read as %1</source>
        <translation>按 %1 读取</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>will be imported</source>
        <translation>将导入</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Reading the rows…</source>
        <translation>正在读取各行…</translation>
    </message>
    <message>
        <source>Matching patients…</source>
        <translation>正在匹配顾客…</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写入…</translation>
    </message>
    <message>
        <source>Cancelled: the clinic file is unchanged.</source>
        <translation>已取消：诊所文件未作改动。</translation>
    </message>
</context>
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
        <source>&amp;Import billing export…</source>
        <translation>导入账单(&amp;I)…</translation>
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