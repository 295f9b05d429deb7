<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppointmentsPanel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>With</source>
        <translation>接诊</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Cancel appointment</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>%1 upcoming, %2 past</source>
        <translation>待到 %1 个，以往 %2 个</translation>
    </message>
    <message>
        <source>&amp;Book…</source>
        <translation>预约(&amp;B)…</translation>
    </message>
    <message>
        <source>Change &amp;when…</source>
        <translation>改期(&amp;W)…</translation>
    </message>
    <message>
        <source>Mar&amp;k confirmed</source>
        <translation>已确认(&amp;K)</translation>
    </message>
    <message>
        <source>Attended (&amp;G)</source>
        <translation>已到诊(&amp;G)</translation>
    </message>
    <message>
        <source>No-show (&amp;Y)</source>
        <translation>爽约(&amp;Y)</translation>
    </message>
    <message>
        <source>Cancel a&amp;ppointment</source>
        <translation>取消预约(&amp;P)</translation>
    </message>
    <message>
        <source>Book an appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Move the appointment</source>
        <translation>预约改期</translation>
    </message>
    <message>
        <source>Cancel the appointment of %1 (%2)? A cancelled appointment cannot be changed again; book a new one instead.</source>
        <translation>取消 %1 的预约（%2）？取消后不能再修改，如需要请重新预约。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>Back up to a folder</source>
        <translation>备份到文件夹</translation>
    </message>
    <message>
        <source>Backing up the clinic file…</source>
        <translation>正在备份诊所文件…</translation>
    </message>
    <message>
        <source>Backing up the clinic file before closing…</source>
        <translation>关闭前正在备份诊所文件…</translation>
    </message>
    <message>
        <source>Skip this time</source>
        <translation>本次跳过</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No backup was made to another drive for %1 days: File &gt; Back up to a folder, onto a USB drive.</source>
        <translation>已有 %1 天没有备份到其他磁盘：请用“文件 &gt; 备份到文件夹”备份到 U 盘。</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Copying the clinic file…</source>
        <translation>正在复制诊所文件…</translation>
    </message>
    <message>
        <source>Checking the copy…</source>
        <translation>正在检查备份副本…</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>Backup cancelled; nothing was written.</source>
        <translation>已取消备份，未写入任何文件。</translation>
    </message>
    <message>
        <source>Replace the clinic file by this backup?

%1

The file as it is now is kept as a backup first, so this can be undone.</source>
        <translation>用这份备份替换诊所文件吗？

%1

当前文件会先另存为一份备份，可以撤销。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Restored; the previous file is kept as %1</source>
        <translation>已恢复；恢复前的文件另存为 %1</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>(anyone)</source>
        <translation>（不指定）</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Item:</source>
        <translation>项目：</translation>
    </message>
    <message>
        <source>With:</source>
        <translation>接诊：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Say what the appointment is for.</source>
        <translation>请写明预约的项目。</translation>
    </message>
</context>
<context>
    <name>CallExport</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Export the call list</source>
        <translation>导出回访清单</translation>
    </message>
</context>
<context>
    <name>CallListModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>未接次数</translation>
    </message>
    <message>
        <source>Last try</source>
        <translation>上次拨打</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Must call</source>
        <translation>必打</translation>
    </message>
    <message>
        <source>Must be called today: %1</source>
        <translation>今日必打：%1</translation>
    </message>
</context>
<context>
    <name>CallTab</name>
    <message>
        <source>Include patients claimed by others</source>
        <translation>包括别人已认领的顾客</translation>
    </message>
    <message>
        <source>Show full phone numbers</source>
        <translation>显示完整手机号</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Claim for me</source>
        <translation>由我认领</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Edit scripts…</source>
        <translation>编辑话术…</translation>
    </message>
    <message>
        <source>Caller:</source>
        <translation>回访人：</translation>
    </message>
    <message>
        <source>Callers today:</source>
        <translation>今日回访人数：</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>顺序：</translation>
    </message>
    <message>
        <source>List:</source>
        <translation>清单：</translation>
    </message>
    <message>
        <source>%1 patients to call</source>
        <translation>共 %1 位顾客</translation>
    </message>
    <message>
        <source>Today %1 (must call %2 · by priority %3) · %4 more waiting</source>
        <translation>今日 %1 位（必打 %2 · 按优先级 %3）· 待回访 %4 位</translation>
    </message>
    <message>
        <source> · %1 shown</source>
        <translation> · 显示 %1 位</translation>
    </message>
    <message>
        <source>Waiting for the tiers…</source>
        <translation>正在等待分级结果…</translation>
    </message>
    <message>
        <source>Building today&apos;s list…</source>
        <translation>正在生成今日清单…</translation>
    </message>
    <message>
        <source>The list could not be built: %1</source>
        <translation>无法生成清单：%1</translation>
    </message>
    <message>
        <source>Today: %1 called, %2 reached, %3 booked</source>
        <translation>今日：已拨打 %1，接通 %2，预约 %3</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>已认领</translation>
    </message>
    <message>
        <source>Call list %1</source>
        <translation>%1 回访清单</translation>
    </message>
    <message>
        <source>Export the call list</source>
        <translation>导出回访清单</translation>
    </message>
</context>
<context>
    <name>CallWork</name>
    <message>
        <source>Who is calling?</source>
        <translation>谁在打电话？</translation>
    </message>
    <message>
        <source>Say who is calling first: each call is recorded in the caller&apos;s name.</source>
        <translation>请先选择回访人：每通电话都记在回访人名下。</translation>
    </message>
    <message>
        <source>Book an appointment for %1</source>
        <translation>为 %1 预约</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>No call of yours today to undo.</source>
        <translation>今天还没有您记录的电话可撤销。</translation>
    </message>
    <message>
        <source>Undone: %1 (%2)</source>
        <translation>已撤销：%1（%2）</translation>
    </message>
    <message>
        <source>Not undone</source>
        <translation>未撤销</translation>
    </message>
</context>
<context>
    <name>CallerDialog</name>
    <message>
        <source>Who is calling today?</source>
        <translation>今天谁来回访？</translation>
    </message>
    <message>
        <source>Your name is recorded on each call you log and signs the scripts. The day&apos;s list holds as many calls as the callers working today can make.</source>
        <translation>您记录的每通电话都会记下您的名字，话术也以您的名字自我介绍。今日清单按今天上班的回访人数安排电话量。</translation>
    </message>
    <message>
        <source>I am:</source>
        <translation>我是：</translation>
    </message>
    <message>
        <source>Callers working today:</source>
        <translation>今日上班的回访人数：</translation>
    </message>
</context>
<context>
    <name>CallerSwitch</name>
    <message>
        <source>Who is calling from this PC (recorded on each call)</source>
        <translation>本机的回访人（每通电话都会记录）</translation>
    </message>
    <message>
        <source>Callers working today: the day&apos;s list holds their calls</source>
        <translation>今日上班的回访人数：今日清单按人数安排电话量</translation>
    </message>
    <message>
        <source>(who is calling?)</source>
        <translation>（请选择回访人）</translation>
    </message>
</context>
<context>
    <name>CampaignChooser</name>
    <message>
        <source>New campaign…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <source>Today&apos;s list</source>
        <translation>今日清单</translation>
    </message>
    <message>
        <source>Campaign: %1</source>
        <translation>活动：%1</translation>
    </message>
    <message>
        <source>Contacted %1, reached %2, booked %3 (conversion %4)</source>
        <translation>已联系 %1，接通 %2，预约 %3（转化率 %4）</translation>
    </message>
    <message>
        <source>v%1 %2/%3 (%4)</source>
        <translation>第 %1 版 %2/%3（%4）</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>New campaign</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>e.g. Cleaning reactivation 2026-12</source>
        <translation>例如：洁牙激活 2026-12</translation>
    </message>
    <message>
        <source>circles or tags, separated by commas</source>
        <translation>圈层或标签，用逗号分隔</translation>
    </message>
    <message>
        <source>the offer the script mentions</source>
        <translation>话术中提到的优惠</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Tiers:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <source>Rhythm:</source>
        <translation>回访节奏：</translation>
    </message>
    <message>
        <source>RFM segments:</source>
        <translation>RFM 分群：</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Last item:</source>
        <translation>上次项目：</translation>
    </message>
    <message>
        <source>Offer:</source>
        <translation>优惠：</translation>
    </message>
    <message>
        <source>A patient must match every part that is filled in.</source>
        <translation>顾客须符合所有已填写的条件。</translation>
    </message>
    <message>
        <source>Choose at least one part of the target.</source>
        <translation>请至少选择一项目标条件。</translation>
    </message>
</context>
<context>
    <name>CareDatesPanel</name>
    <message>
        <source>Personal date</source>
        <translation>个人日期</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>复诊回访</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Every year</source>
        <translation>每年</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>e.g. call with the remedy she asked about</source>
        <translation>例如：来电告知她问过的调理方法</translation>
    </message>
    <message>
        <source>A&amp;dd date</source>
        <translation>添加日期(&amp;D)</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>ChargesPanel</name>
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
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>yuan, negative for a refund</source>
        <translation>元，退款填负数</translation>
    </message>
    <message>
        <source>A&amp;dd charge</source>
        <translation>添加消费(&amp;D)</translation>
    </message>
    <message>
        <source>All time: %1</source>
        <translation>累计：%1</translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Next contact</source>
        <translation>下次联系</translation>
    </message>
    <message>
        <source>&amp;Log contact</source>
        <translation>记录回访(&amp;L)</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <source>Maybe the same patient</source>
        <translation>可能是同一位顾客</translation>
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
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>File no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <source>Why this is another person, e.g. her daughter, same phone</source>
        <translation>为什么是另一个人，例如：她女儿，用同一个手机号</translation>
    </message>
    <message>
        <source>&amp;Open the existing file</source>
        <translation>打开已有档案(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Merge into the existing file…</source>
        <translation>合并到已有档案(&amp;M)…</translation>
    </message>
    <message>
        <source>Save &amp;anyway</source>
        <translation>仍然保存(&amp;A)</translation>
    </message>
    <message>
        <source> (archived)</source>
        <translation>（已归档）</translation>
    </message>
    <message>
        <source>&amp;Reason to save anyway (kept in the audit):</source>
        <translation>仍然保存的理由（记入审计日志）(&amp;R)：</translation>
    </message>
    <message>
        <source>A card number belongs to one patient only.</source>
        <translation>一个会员卡号只属于一位顾客。</translation>
    </message>
</context>
<context>
    <name>EntryPanel</name>
    <message>
        <source>Copy number</source>
        <translation>复制号码</translation>
    </message>
    <message>
        <source>Copy script</source>
        <translation>复制话术</translation>
    </message>
    <message>
        <source>Claim for me</source>
        <translation>由我认领</translation>
    </message>
    <message>
        <source>What was said (optional)</source>
        <translation>通话内容（可选）</translation>
    </message>
    <message>
        <source>Next call on</source>
        <translation>下次回访日期</translation>
    </message>
    <message>
        <source>Undo last call (Ctrl+Z)</source>
        <translation>撤销上一通电话（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Dial:</source>
        <translation>拨打：</translation>
    </message>
    <message>
        <source>Choose a patient on the list.</source>
        <translation>请在清单中选择一位顾客。</translation>
    </message>
    <message>
        <source>no number</source>
        <translation>无号码</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>slipping away</source>
        <translation>正在流失</translation>
    </message>
    <message>
        <source>Taboos: %1</source>
        <translation>忌讳：%1</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>%1 unanswered in a row, last on %2</source>
        <translation>连续 %1 次未接听，上次 %2</translation>
    </message>
    <message>
        <source>Last visits</source>
        <translation>最近消费</translation>
    </message>
    <message>
        <source>Previous calls</source>
        <translation>以往回访</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>No tier</source>
        <translation>未分级</translation>
    </message>
    <message>
        <source>Search the list: name, phone, owner</source>
        <translation>在清单中查找：姓名、电话、负责人</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Tier:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Rhythm:</source>
        <translation>节奏：</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to ClinicDesk</source>
        <translation>欢迎使用 ClinicDesk</translation>
    </message>
    <message>
        <source>e.g. 悦颜医疗美容门诊</source>
        <translation>例如：悦颜医疗美容门诊</translation>
    </message>
    <message>
        <source>names, separated by commas (can be added later)</source>
        <translation>员工姓名，用逗号分隔（以后也可添加）</translation>
    </message>
    <message>
        <source>Create the clinic</source>
        <translation>创建诊所</translation>
    </message>
    <message>
        <source>A new clinic</source>
        <translation>新建诊所</translation>
    </message>
    <message>
        <source>Clinic name:</source>
        <translation>诊所名称：</translation>
    </message>
    <message>
        <source>Staff:</source>
        <translation>员工：</translation>
    </message>
    <message>
        <source>Currency: RMB (¥)</source>
        <translation>货币：人民币（¥）</translation>
    </message>
    <message>
        <source>Open an existing clinic file…</source>
        <translation>打开已有的诊所文件…</translation>
    </message>
    <message>
        <source>Look around in a demo clinic (invented patients)</source>
        <translation>先用演示诊所看看（顾客均为虚构）</translation>
    </message>
    <message>
        <source>The clinic file last used on this PC is not there any more: %1 (moved, deleted, or on a drive that is not plugged in).</source>
        <translation>本机上次使用的诊所文件已不存在：%1（被移动或删除，或在未插入的移动盘上）。</translation>
    </message>
    <message>
        <source>Where the clinic&apos;s data is kept: %1</source>
        <translation>诊所数据保存在：%1</translation>
    </message>
    <message>
        <source>Please enter the clinic&apos;s name.</source>
        <translation>请输入诊所名称。</translation>
    </message>
    <message>
        <source>Open clinic file</source>
        <translation>打开诊所文件</translation>
    </message>
    <message>
        <source>Clinic files (*.db)</source>
        <translation>诊所文件 (*.db)</translation>
    </message>
    <message>
        <source>Building the demo clinic…</source>
        <translation>正在生成演示诊所…</translation>
    </message>
</context>
<context>
    <name>FirstSteps</name>
    <message>
        <source>This clinic file has no patients yet.</source>
        <translation>这个诊所文件里还没有顾客。</translation>
    </message>
    <message>
        <source>Most clinics start by importing the billing system&apos;s export (patients and charges, .xlsx or .csv): the tiers and the call list are ready at once.</source>
        <translation>大多数诊所先导入收费系统的导出文件（顾客与消费记录，.xlsx 或 .csv）：分级和回访清单随即可用。</translation>
    </message>
    <message>
        <source>Im&amp;port the billing export…</source>
        <translation>导入收费系统导出文件(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Add the first patient</source>
        <translation>添加第一位顾客(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ForecastChart</name>
    <message>
        <source>Due calls, next working days</source>
        <translation>未来工作日的待回访电话</translation>
    </message>
    <message>
        <source>Must call</source>
        <translation>必打</translation>
    </message>
    <message>
        <source>Newly due</source>
        <translation>新到期</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>积压</translation>
    </message>
    <message>
        <source>Calls the callers can make</source>
        <translation>可打电话数</translation>
    </message>
</context>
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
        <source>Keep other columns in the charge&apos;s note</source>
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
        <source>An import is under way. Cancel it? Nothing of it will be written.
(No: it goes on, and this window shows when it is done.)</source>
        <translation>正在导入。要取消吗？取消后本次导入的内容都不会写入。
（选“否”：继续导入，完成后本窗口会显示结果。）</translation>
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
        <source>Patient file</source>
        <translation>顾客档案</translation>
    </message>
    <message>
        <source>Tier overview</source>
        <translation>分级概览</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>回访清单</translation>
    </message>
    <message>
        <source>Demo clinic: the patients are invented. Try anything.</source>
        <translation>演示诊所：顾客均为虚构，可随意试用。</translation>
    </message>
    <message>
        <source>last tier run %1</source>
        <translation>上次分级 %1</translation>
    </message>
    <message>
        <source>no tier run saved yet</source>
        <translation>尚未保存分级</translation>
    </message>
    <message>
        <source>%1 · %2 patients · %3</source>
        <translation>%1 · %2 位顾客 · %3</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New clinic file…</source>
        <translation>新建诊所文件(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open clinic file…</source>
        <translation>打开诊所文件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import billing export…</source>
        <translation>导入账单(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Back up to a &amp;folder…</source>
        <translation>备份到文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;New patient</source>
        <translation>新建顾客(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Find patient</source>
        <translation>查找顾客(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Save patient</source>
        <translation>保存顾客档案(&amp;S)</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
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
        <source>New clinic file</source>
        <translation>新建诊所文件</translation>
    </message>
    <message>
        <source>Clinic files (*.db)</source>
        <translation>诊所文件 (*.db)</translation>
    </message>
    <message>
        <source>That file exists already; open it instead.</source>
        <translation>该文件已存在，请改用“打开”。</translation>
    </message>
    <message>
        <source>Open clinic file</source>
        <translation>打开诊所文件</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
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
<context>
    <name>Marks</name>
    <message>
        <source>Tier %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>No tier</source>
        <translation>未分级</translation>
    </message>
    <message>
        <source>Tier %1 (fixed by hand until %2: %3)</source>
        <translation>%1 级（手动固定，至 %2：%3）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>computed: %1</source>
        <translation>计算结果：%1</translation>
    </message>
    <message>
        <source>Last visit %1</source>
        <translation>上次到院 %1</translation>
    </message>
    <message>
        <source>Next appointment %1 %2</source>
        <translation>下次预约 %1 %2</translation>
    </message>
    <message>
        <source>Next call %1</source>
        <translation>下次回访 %1</translation>
    </message>
    <message>
        <source>Birthday today: %1 years old</source>
        <translation>今天生日：满 %1 岁</translation>
    </message>
    <message>
        <source>Important: %1</source>
        <translation>重要提示：%1</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge two patient files</source>
        <translation>合并两份顾客档案</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Keep (%1)</source>
        <translation>保留（%1）</translation>
    </message>
    <message>
        <source>Merged in (%1)</source>
        <translation>并入（%1）</translation>
    </message>
    <message>
        <source>Will move to %1: %2 charges, %3 visit notes, %4 contacts, %5 care dates, %6 referred patients, %7 tags. %8 is then archived, not deleted.</source>
        <translation>将转入 %1：%2 条消费记录、%3 条到院记录、%4 条回访记录、%5 个关怀日期、%6 位介绍的顾客、%7 个标签。之后 %8 的档案将归档，不会删除。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Where the two files differ, choose the value to keep:</source>
        <translation>两份档案不同之处，请选择要保留的内容：</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Visit date</source>
        <translation>到院日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What was said: worries, plans, dates to remember</source>
        <translation>顾客说了什么：顾虑、打算、要记住的日子</translation>
    </message>
    <message>
        <source>A&amp;dd note</source>
        <translation>添加记录(&amp;D)</translation>
    </message>
</context>
<context>
    <name>OrderCombo</name>
    <message>
        <source>By priority</source>
        <translation>按优先级</translation>
    </message>
    <message>
        <source>By value</source>
        <translation>按价值</translation>
    </message>
    <message>
        <source>Easiest first</source>
        <translation>先易后难</translation>
    </message>
    <message>
        <source>By owner</source>
        <translation>按负责人</translation>
    </message>
    <message>
        <source>By priority: value (tier, revenue at risk) × (urgency + days waited), so that nobody waits for ever.
By value: tier A first, then revenue; former A/B slipping away first within a tier.
Easiest first: patients most likely to answer and say yes first (recent successful calls, loyalty, a recent visit; recent refusals and unanswered calls count against), so a new caller starts with successes.
By owner: each consultant&apos;s patients together.</source>
        <translation>按优先级：价值（级别、流失风险金额）×（紧迫程度 + 已等天数），谁都不会一直等下去。
按价值：A 级在前，再按消费额；同级中曾为 A/B 级、正在流失的在前。
先易后难：最可能接听并答应的在前（近期接通/预约、忠诚度、近期到院加分；近期拒绝和未接听减分），新手先打容易的。
按负责人：每位顾问的顾客排在一起。</translation>
    </message>
</context>
<context>
    <name>OutcomeGuard</name>
    <message>
        <source>Mark %1 as “do not call again”? They leave every call list until the mark is removed in their file.</source>
        <translation>将 %1 标记为“勿再来电”？在其档案中取消标记之前，其不会再出现在任何回访清单中。</translation>
    </message>
    <message>
        <source>Log a wrong number for %1? They stay off today&apos;s list; check the number in their file before the next call.</source>
        <translation>记录 %1 号码错误？今天不会再出现在清单中；下次回访前请在其档案中核对号码。</translation>
    </message>
</context>
<context>
    <name>PatientFileView</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Fi&amp;x tier…</source>
        <translation>固定级别(&amp;X)…</translation>
    </message>
    <message>
        <source>Rever&amp;t</source>
        <translation>撤销修改(&amp;T)</translation>
    </message>
    <message>
        <source>Ar&amp;chive</source>
        <translation>归档(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Merge a duplicate…</source>
        <translation>合并重复档案(&amp;M)…</translation>
    </message>
    <message>
        <source>Visits and charges</source>
        <translation>消费记录</translation>
    </message>
    <message>
        <source>Visit notes</source>
        <translation>到院记录</translation>
    </message>
    <message>
        <source>Contact log</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Care dates</source>
        <translation>关怀日期</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>介绍关系</translation>
    </message>
    <message>
        <source>Circles and tags</source>
        <translation>圈层与标签</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Own recall intervals</source>
        <translation>复查间隔</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>新建顾客</translation>
    </message>
    <message>
        <source>Taboos: %1</source>
        <translation>忌讳：%1</translation>
    </message>
    <message>
        <source>Resto&amp;re</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>RFM: %1</source>
        <translation>RFM：%1</translation>
    </message>
    <message>
        <source>(computing tiers…)</source>
        <translation>（正在计算分级…）</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Archive %1? The file and its history are kept; it leaves the lists and the tiers, and can be restored.</source>
        <translation>归档 %1？档案及历史记录都会保留，只是不再出现在列表和分级中，可随时恢复。</translation>
    </message>
    <message>
        <source>Who referred this patient?</source>
        <translation>这位顾客由谁介绍？</translation>
    </message>
</context>
<context>
    <name>PatientForm</name>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Single</source>
        <translation>未婚</translation>
    </message>
    <message>
        <source>Married</source>
        <translation>已婚</translation>
    </message>
    <message>
        <source>Divorced</source>
        <translation>离异</translation>
    </message>
    <message>
        <source>Widowed</source>
        <translation>丧偶</translation>
    </message>
    <message>
        <source>Do not call</source>
        <translation>勿扰</translation>
    </message>
    <message>
        <source>e.g. 1990-03-05 or 1990/3/5</source>
        <translation>例如 1990-03-05 或 1990/3/5</translation>
    </message>
    <message>
        <source>on the phone, e.g. 王姐 (default: from surname, sex and age)</source>
        <translation>电话中的称呼，如“王姐”（默认按姓氏、性别和年龄）</translation>
    </message>
    <message>
        <source>11 digits</source>
        <translation>11 位数字</translation>
    </message>
    <message>
        <source>shown once a day when the file opens, e.g. allergic to penicillin</source>
        <translation>每天打开档案时提示一次，例如：青霉素过敏</translation>
    </message>
    <message>
        <source>At a glance</source>
        <translation>一览</translation>
    </message>
    <message>
        <source>Important note</source>
        <translation>重要提示</translation>
    </message>
    <message>
        <source>Basic data</source>
        <translation>基本资料</translation>
    </message>
    <message>
        <source>Ch&amp;oose…</source>
        <translation>选择(&amp;O)…</translation>
    </message>
    <message>
        <source>Cle&amp;ar</source>
        <translation>清除(&amp;A)</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>Address as</source>
        <translation>称呼</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Second phone</source>
        <translation>备用电话</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Marital status</source>
        <translation>婚姻状况</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>How they came</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>介绍人</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>First visit</source>
        <translation>初诊日期</translation>
    </message>
    <message>
        <source>The person</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Taboos</source>
        <translation>忌讳</translation>
    </message>
    <message>
        <source>Personality</source>
        <translation>性格</translation>
    </message>
    <message>
        <source>Hobbies</source>
        <translation>爱好</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近到院</translation>
    </message>
    <message>
        <source>Total spend</source>
        <translation>累计消费</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Fixed by hand until %1: %2. Computed: %3</source>
        <translation>手动固定至 %1：%2。计算结果：%3</translation>
    </message>
    <message>
        <source> (archived)</source>
        <translation>（已归档）</translation>
    </message>
    <message>
        <source>F</source>
        <translation>女</translation>
    </message>
    <message>
        <source>M</source>
        <translation>男</translation>
    </message>
</context>
<context>
    <name>PatientPicker</name>
    <message>
        <source>Name, pinyin initials, phone digits or card</source>
        <translation>姓名、拼音首字母、手机号码几位或卡号</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
</context>
<context>
    <name>PatientTab</name>
    <message>
        <source>Search: name, pinyin (wxm), 4 digits of a phone, card number</source>
        <translation>搜索：姓名、拼音（如 wxm）、手机号任意 4 位、会员卡号</translation>
    </message>
    <message>
        <source>&amp;Include archived</source>
        <translation>包括已归档(&amp;I)</translation>
    </message>
    <message>
        <source>Show f&amp;ull phone numbers</source>
        <translation>显示完整手机号(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;New patient</source>
        <translation>新建顾客(&amp;N)</translation>
    </message>
    <message numerus="yes">
        <source>%n patients found</source>
        <translation>
            <numerusform>找到 %n 位顾客</numerusform>
        </translation>
    </message>
    <message>
        <source>Seen lately, then the newest files</source>
        <translation>最近到院的顾客，其次是最新建档的</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>The file of %1 has unsaved changes. Save them?</source>
        <translation>%1 的档案有未保存的修改，是否保存？</translation>
    </message>
    <message>
        <source>Which file is the duplicate?</source>
        <translation>哪一份是重复的档案？</translation>
    </message>
</context>
<context>
    <name>PredictedValueView</name>
    <message>
        <source>Tier</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>顾客数</translation>
    </message>
    <message>
        <source>% patients</source>
        <translation>顾客占比</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>终身价值</translation>
    </message>
    <message>
        <source>% value</source>
        <translation>价值占比</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Visits, next %1 months</source>
        <translation>未来 %1 个月到院</translation>
    </message>
    <message>
        <source>Computing the lifetime values…</source>
        <translation>正在计算终身价值…</translation>
    </message>
    <message>
        <source>Valuable but slipping (tier A/B, still coming below 50%): %1</source>
        <translation>价值高但正在流失（A/B 级，仍会再来概率低于 50%）：%1 位</translation>
    </message>
    <message>
        <source>Lifetime value over the next %1 months (discounted %2 a month): %3 for %4 patients; the top 20% hold %5.</source>
        <translation>未来 %1 个月的终身价值（每月折现 %2）：%4 位顾客共 %3；前 20% 的顾客占 %5。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecallPanel</name>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Their interval</source>
        <translation>本人间隔</translation>
    </message>
    <message>
        <source>Clinic&apos;s</source>
        <translation>诊所通用</translation>
    </message>
    <message>
        <source>Item, e.g. 洁牙</source>
        <translation>项目，如 洁牙</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Set (&amp;Z)</source>
        <translation>设定(&amp;Z)</translation>
    </message>
    <message>
        <source>Use the clinic&apos;s (&amp;Q)</source>
        <translation>改用诊所通用间隔(&amp;Q)</translation>
    </message>
    <message>
        <source>The call list recalls this patient for an item after their own interval, when one is set here.</source>
        <translation>在这里为某个项目设定本人的间隔后，回访清单按这个间隔提醒复查。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>ReferralsPanel</name>
    <message>
        <source>Referred patient</source>
        <translation>介绍的顾客</translation>
    </message>
    <message>
        <source>First visit</source>
        <translation>初诊日期</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Referred by:</source>
        <translation>介绍人：</translation>
    </message>
    <message>
        <source>Referred %1 patients, who spent %2</source>
        <translation>介绍了 %1 位顾客，累计消费 %2</translation>
    </message>
</context>
<context>
    <name>ScriptEditor</name>
    <message>
        <source>Phone scripts</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>Add a version for this tier</source>
        <translation>为该级别另建一版</translation>
    </message>
    <message>
        <source>Script (double-click a placeholder to insert it):</source>
        <translation>话术（双击占位符可插入）：</translation>
    </message>
    <message>
        <source>Said instead when a value is missing:</source>
        <translation>缺少信息时改用的话术：</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>预览：</translation>
    </message>
    <message>
        <source>Save the changes to this script?</source>
        <translation>是否保存对这条话术的修改？</translation>
    </message>
    <message>
        <source>Unknown placeholders: %1</source>
        <translation>未知的占位符：%1</translation>
    </message>
    <message>
        <source>(no patient on today&apos;s list to preview with)</source>
        <translation>（今日清单中没有可用于预览的顾客）</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Matched by</source>
        <translation>匹配依据</translation>
    </message>
    <message>
        <source>May be the same person as file no. %1</source>
        <translation>可能与编号 %1 的档案是同一人</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>诊所</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Tiers and rhythm</source>
        <translation>分级与节奏</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>回访清单</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>终身价值</translation>
    </message>
    <message>
        <source>This PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>e.g. a free cleaning for returning patients</source>
        <translation>例如：老顾客免费洁牙一次</translation>
    </message>
    <message>
        <source>A larger amount, or a larger refund, is refused by the import and the forms.</source>
        <translation>超过此金额的消费或退款，导入和录入时都会被拒绝。</translation>
    </message>
    <message>
        <source>Clinic name:</source>
        <translation>诊所名称：</translation>
    </message>
    <message>
        <source>Offer in the scripts:</source>
        <translation>话术中的优惠：</translation>
    </message>
    <message>
        <source>Largest amount of one charge:</source>
        <translation>单笔消费上限：</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>咨询师</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>院长/经理</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Active / left</source>
        <translation>在职/离职</translation>
    </message>
    <message>
        <source>Tier A up to (cumulative share):</source>
        <translation>A 级截止（累计占比）：</translation>
    </message>
    <message>
        <source>Tier B up to:</source>
        <translation>B 级截止：</translation>
    </message>
    <message>
        <source>Rhythm: days since the last visit ÷ the usual interval</source>
        <translation>节奏：距上次到院天数 ÷ 平常间隔</translation>
    </message>
    <message>
        <source>Due from:</source>
        <translation>“该来了”起于：</translation>
    </message>
    <message>
        <source>Overdue from:</source>
        <translation>“已逾期”起于：</translation>
    </message>
    <message>
        <source>Lapsed from:</source>
        <translation>“已流失”起于：</translation>
    </message>
    <message>
        <source>Silver from:</source>
        <translation>银卡起于：</translation>
    </message>
    <message>
        <source>Gold from:</source>
        <translation>金卡起于：</translation>
    </message>
    <message>
        <source>Diamond from:</source>
        <translation>钻石卡起于：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Item or category</source>
        <translation>项目或类别</translation>
    </message>
    <message>
        <source>Due again after (days)</source>
        <translation>间隔（天）后到期</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Call tier %1 at least every:</source>
        <translation>%1 级顾客至少每隔：</translation>
    </message>
    <message>
        <source>Care dates this far ahead:</source>
        <translation>提前提醒关怀日期：</translation>
    </message>
    <message>
        <source>Recall intervals:</source>
        <translation>复诊/维护间隔：</translation>
    </message>
    <message>
        <source> calls</source>
        <translation> 通</translation>
    </message>
    <message>
        <source> tries</source>
        <translation> 次</translation>
    </message>
    <message>
        <source>Calls per caller per day:</source>
        <translation>每位回访人每天的电话数：</translation>
    </message>
    <message>
        <source>Unanswered tries in a row before a pause:</source>
        <translation>连续未接听几次后暂停回访：</translation>
    </message>
    <message>
        <source>After no answer, try tier %1 again after:</source>
        <translation>%1 级顾客未接听后，再次拨打间隔：</translation>
    </message>
    <message>
        <source>Calling days:</source>
        <translation>回访日：</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Hide the middle digits (138****8000)</source>
        <translation>隐藏中间四位（138****8000）</translation>
    </message>
    <message>
        <source>Show whole numbers</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <source>Language (after a restart):</source>
        <translation>语言（重启后生效）：</translation>
    </message>
    <message>
        <source>Phone numbers in lists:</source>
        <translation>列表中的手机号：</translation>
    </message>
    <message>
        <source> (left)</source>
        <translation>（已离职）</translation>
    </message>
    <message>
        <source>Tier A must end below tier B.</source>
        <translation>A 级的截止必须低于 B 级。</translation>
    </message>
    <message>
        <source>Due, overdue and lapsed must come in that order.</source>
        <translation>“该来了”“已逾期”“已流失”的界限必须依次递增。</translation>
    </message>
    <message>
        <source>Calls need at least one calling day.</source>
        <translation>至少需要一个回访日。</translation>
    </message>
</context>
<context>
    <name>SlippingModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Predicted tier</source>
        <translation>预测分级</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>终身价值</translation>
    </message>
    <message>
        <source>Still coming</source>
        <translation>仍会再来</translation>
    </message>
    <message>
        <source>Value at risk</source>
        <translation>流失风险价值</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>上次到院</translation>
    </message>
</context>
<context>
    <name>TagsPanel</name>
    <message>
        <source>separate with commas</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>Save ta&amp;gs</source>
        <translation>保存标签(&amp;G)</translation>
    </message>
    <message>
        <source>Circles:</source>
        <translation>圈层：</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
</context>
<context>
    <name>TierCharts</name>
    <message>
        <source>revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>visits</source>
        <translation>到院次数</translation>
    </message>
    <message>
        <source>Pareto curve</source>
        <translation>帕累托曲线</translation>
    </message>
    <message>
        <source>Cumulative share of patients</source>
        <translation>顾客累计占比</translation>
    </message>
    <message>
        <source>Cumulative share of %1</source>
        <translation>%1累计占比</translation>
    </message>
    <message>
        <source>Perfect equality</source>
        <translation>完全平均</translation>
    </message>
    <message>
        <source>Top 20% of patients → %1 of %2</source>
        <translation>前 20% 的顾客 → %1 的%2</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>Share of patients and of visits by tier</source>
        <translation>各级别的顾客占比与到院次数占比</translation>
    </message>
    <message>
        <source>Share of patients and of revenue by tier</source>
        <translation>各级别的顾客占比与收入占比</translation>
    </message>
    <message>
        <source>Share of patients</source>
        <translation>顾客占比</translation>
    </message>
    <message>
        <source>Share of revenue</source>
        <translation>收入占比</translation>
    </message>
    <message>
        <source>Share of visits</source>
        <translation>到院次数占比</translation>
    </message>
</context>
<context>
    <name>TierFixDialog</name>
    <message>
        <source>Tier not changed</source>
        <translation>级别未更改</translation>
    </message>
    <message>
        <source>Fix the tier by hand</source>
        <translation>手动固定级别</translation>
    </message>
    <message>
        <source>e.g. opinion leader, referred 12 patients</source>
        <translation>例如：意见领袖，介绍了 12 位顾客</translation>
    </message>
    <message>
        <source>&amp;Fix the tier</source>
        <translation>固定级别(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Back to the computed tier</source>
        <translation>恢复计算的级别(&amp;B)</translation>
    </message>
    <message>
        <source>Computed tier:</source>
        <translation>计算的级别：</translation>
    </message>
    <message>
        <source>none (no activity)</source>
        <translation>无（期内无消费）</translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation>级别(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>截止日期(&amp;U)：</translation>
    </message>
</context>
<context>
    <name>TierTab</name>
    <message>
        <source>Computing the tiers…</source>
        <translation>正在计算分级…</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到院次数</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Measure:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>Cut-offs:</source>
        <translation>分级界限：</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>顾客数</translation>
    </message>
    <message>
        <source>% patients</source>
        <translation>顾客占比</translation>
    </message>
    <message>
        <source>% revenue</source>
        <translation>收入占比</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>人均收入</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Predicted value</source>
        <translation>预测价值</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>开始…</translation>
    </message>
    <message>
        <source>Reading the charges…</source>
        <translation>正在读取消费记录…</translation>
    </message>
    <message>
        <source>Tiers…</source>
        <translation>正在分级…</translation>
    </message>
    <message>
        <source>RFM…</source>
        <translation>正在计算 RFM…</translation>
    </message>
    <message>
        <source>Rhythms…</source>
        <translation>正在计算回访节奏…</translation>
    </message>
    <message>
        <source>Referrals…</source>
        <translation>正在统计介绍关系…</translation>
    </message>
    <message>
        <source>Membership…</source>
        <translation>正在计算会员等级…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved as tier run %1</source>
        <translation>已保存为第 %1 次分级</translation>
    </message>
    <message>
        <source>Preview, not saved</source>
        <translation>预览，未保存</translation>
    </message>
    <message>
        <source>&amp;Run and save</source>
        <translation>计算并保存(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Export ch&amp;arts…</source>
        <translation>导出图表(&amp;A)…</translation>
    </message>
    <message>
        <source>Export tier &amp;list…</source>
        <translation>导出分级名单(&amp;L)…</translation>
    </message>
    <message>
        <source>Cancelled; the results shown are the previous ones.</source>
        <translation>已取消；显示的是上一次的结果。</translation>
    </message>
    <message>
        <source>Could not compute the tiers: %1</source>
        <translation>无法计算分级：%1</translation>
    </message>
    <message>
        <source>Not enough activity in this period for tiers: %1 patients with revenue or visits. Choose a longer period, or import the billing history (File &gt; Import).</source>
        <translation>本期间的消费太少，无法分级：只有 %1 位顾客有消费或到院。请选择更长的期间，或导入账单历史（文件 &gt; 导入）。</translation>
    </message>
    <message>
        <source>Top 20% of patients make %1 of the visits.</source>
        <translation>前 20% 的顾客贡献了 %1 的到院次数。</translation>
    </message>
    <message>
        <source>Top 20% of patients bring %1 of the revenue.</source>
        <translation>前 20% 的顾客带来 %1 的收入。</translation>
    </message>
    <message>
        <source>Gini %1. %2 patients without activity in the period. %3 former A/B patients are slipping away (%4 a year).</source>
        <translation>基尼系数 %1。本期无消费 %2 位。%3 位曾为 A/B 级的顾客正在流失（一年 %4）。</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>Since the last saved run: %1</source>
        <translation>自上次保存的分级以来：%1</translation>
    </message>
    <message>
        <source>No earlier run saved yet.</source>
        <translation>尚无保存的分级可比较。</translation>
    </message>
    <message>
        <source>Can&apos;t lose them: former A/B slipping away</source>
        <translation>不能失去：正在流失的原 A/B 级顾客</translation>
    </message>
    <message>
        <source>Downgraded since the last run</source>
        <translation>自上次分级以来降级的顾客</translation>
    </message>
    <message>
        <source>Opinion leaders (by referred revenue)</source>
        <translation>意见领袖（按介绍带来的收入）</translation>
    </message>
    <message>
        <source>Moved %1</source>
        <translation>级别变动 %1</translation>
    </message>
    <message>
        <source>RFM: %1</source>
        <translation>RFM：%1</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Export tier list</source>
        <translation>导出分级名单</translation>
    </message>
</context>
<context>
    <name>ValueCharts</name>
    <message>
        <source>lifetime value</source>
        <translation>终身价值</translation>
    </message>
    <message>
        <source>Pareto curve of lifetime value</source>
        <translation>终身价值帕累托曲线</translation>
    </message>
    <message>
        <source>Cumulative share of patients</source>
        <translation>顾客累计占比</translation>
    </message>
    <message>
        <source>Cumulative share of %1</source>
        <translation>%1累计占比</translation>
    </message>
    <message>
        <source>Perfect equality</source>
        <translation>完全平均</translation>
    </message>
    <message>
        <source>Top 20% of patients → %1 of %2</source>
        <translation>前 20% 顾客 → %2的 %1</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>Share of patients and of lifetime value by tier</source>
        <translation>各级顾客数与终身价值占比</translation>
    </message>
    <message>
        <source>Share of patients</source>
        <translation>顾客占比</translation>
    </message>
    <message>
        <source>Share of lifetime value</source>
        <translation>终身价值占比</translation>
    </message>
    <message>
        <source>Model check: visits after the cut-off</source>
        <translation>模型校验：截止日之后的到院</translation>
    </message>
    <message>
        <source>Visits up to %1</source>
        <translation>截至 %1 的到院次数</translation>
    </message>
    <message>
        <source>Mean visits after it</source>
        <translation>此后平均到院次数</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
</context>
<context>
    <name>ValuePanel</name>
    <message>
        <source>Lifetime value: — (no visit before today)</source>
        <translation>终身价值：—（今天之前没有到院记录）</translation>
    </message>
    <message>
        <source>Lifetime value: — %1</source>
        <translation>终身价值：— %1</translation>
    </message>
    <message>
        <source>Lifetime value: computing…</source>
        <translation>终身价值：计算中…</translation>
    </message>
    <message>
        <source>Still coming: %1</source>
        <translation>仍会再来：%1</translation>
    </message>
    <message>
        <source>next %1 months: %2 visits</source>
        <translation>未来 %1 个月：预计到院 %2 次</translation>
    </message>
    <message>
        <source>revenue and lifetime value: — (net revenue not above 0)</source>
        <translation>消费与终身价值：—（净消费不大于 0，无法估计）</translation>
    </message>
    <message>
        <source>next %1 months: %2 visits, %3</source>
        <translation>未来 %1 个月：预计到院 %2 次，消费 %3</translation>
    </message>
    <message>
        <source>lifetime value (%1 months): %2</source>
        <translation>终身价值（%1 个月）：%2</translation>
    </message>
    <message>
        <source>Still coming: the model&apos;s chance that this patient still comes, from their visit rhythm and the time since the last visit.</source>
        <translation>仍会再来：模型估计此顾客仍会再来的概率：按其到院节奏和距上次到院的时间。</translation>
    </message>
    <message>
        <source>Lifetime value: the expected revenue of the next %1 months, discounted %2 a month.</source>
        <translation>终身价值：未来 %1 个月的预计消费，按每月 %2 折现。</translation>
    </message>
    <message>
        <source>Last visit: %1.</source>
        <translation>上次到院：%1。</translation>
    </message>
    <message>
        <source>Seen once: the spend is estimated from the mean spend per visit of all patients.</source>
        <translation>只来过一次：消费按全体顾客的平均每次消费估计。</translation>
    </message>
</context>
<context>
    <name>ValueSettingsPage</name>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Lifetime value horizon:</source>
        <translation>终身价值预测期：</translation>
    </message>
    <message>
        <source>Monthly discount rate:</source>
        <translation>每月折现率：</translation>
    </message>
    <message>
        <source>Forecast of visits and revenue:</source>
        <translation>到院与消费预测期：</translation>
    </message>
    <message>
        <source>Model check over the last:</source>
        <translation>模型校验最近：</translation>
    </message>
    <message>
        <source>Lifetime value: the expected revenue over the horizon, each month discounted. The model check fits on the history before the last months and compares its forecast with the visits that came.</source>
        <translation>终身价值：预测期内的预计消费，每月折现。模型校验：用最近几个月之前的历史拟合模型，再把预测与实际到院对照。</translation>
    </message>
</context>
<context>
    <name>VersionsPanel</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存于</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>拨打</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>接通</translation>
    </message>
    <message>
        <source>Booked (conversion)</source>
        <translation>预约（转化率）</translation>
    </message>
    <message>
        <source>Use only this version</source>
        <translation>只用这个版本</translation>
    </message>
    <message>
        <source>Run it beside the one in use</source>
        <translation>与使用中的版本并行</translation>
    </message>
    <message>
        <source>Save as a new version beside the one in use</source>
        <translation>另存为新版本，与使用中的版本并行（按顾客轮流）</translation>
    </message>
    <message>
        <source>Versions (each call records the one read):</source>
        <translation>版本（每通电话都会记录所用的版本）：</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>_Panel</name>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
</TS>
