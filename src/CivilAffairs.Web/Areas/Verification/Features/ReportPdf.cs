using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Pdf;
using PdfSharp.Drawing;
using QRCoder;

namespace CivilAffairs.Web.Areas.Verification.Features;

/// <summary>The verification report as a PDF (A4, Chinese font, QR code for the public status check).</summary>
public sealed class ReportPdf(IConfiguration config)
{
    public byte[] Render(ReportView report, string publicUrl)
    {
        if (CjkFont.Load(config) is null)
            throw new DomainException("服务器未安装中文字体（如 Debian 的 fonts-wqy-microhei），无法生成 PDF；请使用网页的“打印（A4）”。");
        var d = report.Document;
        using var w = new PdfWriter($"核对报告 {d.Number}");
        using (var generator = new QRCodeGenerator())
        using (var data = generator.CreateQrCode(publicUrl, QRCodeGenerator.ECCLevel.M))
            w.QrRight(data.ModuleMatrix, 80);
        w.Text("居民家庭经济状况核对报告", 16, bold: true);
        w.Text($"报告编号：{d.Number}", 10);
        w.Text($"核对日期：{d.AsOf:yyyy-MM-dd}    收入统计期：{d.WindowFrom} — {d.WindowTo}", 10);
        foreach (var note in d.WindowNotes ?? []) w.Text(note, 9, indent: 12);
        w.Text($"家庭：户编号 {d.HouseholdId}  {d.Community}  {d.Address}", 10);
        w.Text($"授权：{d.AuthorizationText}    经办人：{d.RequestedBy}", 10);
        w.Space(8);
        var color = d.Verdict == "Meets" ? XBrushes.DarkGreen : d.Verdict == "DoesNotMeet" ? XBrushes.DarkRed : XBrushes.DarkOrange;
        w.Text($"核对结论：{d.VerdictName}", 13, bold: true, brush: color);
        foreach (var r in d.Reasons) w.Text("• " + r, 10, indent: 10);
        w.Text("核对只报告事实，不作决定：是否给予救助由审核审批机关依法决定。", 8.5, brush: XBrushes.Gray);
        w.Space(8);
        w.Text("家庭汇总", 12, bold: true);
        double[] two = [0.3, 0.2, 0.3, 0.2];
        w.Row(["家庭人口", d.Members.ToString(System.Globalization.CultureInfo.InvariantCulture), "低保标准（元/人·月）", Money.Yuan(d.MonthlyStandardFen)], two, 9.5);
        w.Row(["计入收入合计（统计期）", Money.Yuan(d.CountedIncomeFen), "家庭月收入", Money.Yuan(d.MonthlyIncomeFen)], two, 9.5);
        w.Row(["人均月收入", Money.Yuan(d.PerCapitaMonthlyIncomeFen), "不计入收入的项目合计", Money.Yuan(d.ExcludedIncomeFen)], two, 9.5);
        w.Row(["金融资产", Money.Yuan(d.FinancialAssetsFen), $"金融资产限额（{d.FinancialAssetMonths} 个月）", Money.Yuan(d.FinancialAssetLimitFen)], two, 9.5);
        w.Row(["住宅（套）", d.Homes.ToString(System.Globalization.CultureInfo.InvariantCulture), "商业/工业用房（处）", d.CommercialProperties.ToString(System.Globalization.CultureInfo.InvariantCulture)], two, 9.5);
        w.Row(["机动车（不含残疾人专用车）", d.Vehicles.ToString(System.Globalization.CultureInfo.InvariantCulture), "在业市场主体", d.Businesses.ToString(System.Globalization.CultureInfo.InvariantCulture)], two, 9.5);
        w.Space(8);
        w.Text("成员明细", 12, bold: true);
        double[] items = [0.18, 0.13, 0.41, 0.16, 0.12];
        foreach (var m in d.MemberReports)
        {
            w.Space(4);
            w.Text($"{m.Name}（{m.Relationship}，{m.IdNumberMasked}，{m.Gender}，{m.Age} 岁）  计入收入 {Money.Yuan(m.CountedIncomeFen)}  金融资产 {Money.Yuan(m.FinancialAssetsFen)}", 10, bold: true);
            if (m.Flags.Count > 0) w.Text(string.Join("；", m.Flags), 9, brush: XBrushes.DarkRed, indent: 6);
            if (m.Items.Count == 0)
            {
                w.Text("各部门数据中没有此人的收入或财产记录。", 9, brush: XBrushes.Gray, indent: 6);
                continue;
            }
            w.Row(["来源", "日期/月份", "项目", "金额（元）", "是否计入"], items, 8.5, bold: true);
            foreach (var it in m.Items)
                w.Row([it.Feed, it.Date, it.Description, it.Kind == "Asset" && it.Feed == "不动产登记" ? "" : Money.Yuan(it.AmountFen), it.Counted ? "计入" : "不计入"], items);
        }
        w.Space(8);
        w.Text("所依据的数据", 12, bold: true);
        foreach (var f in d.FeedsUsed) w.Text($"{f.FeedName}：快照 #{f.SnapshotId}，截止 {f.AsOf:yyyy-MM-dd}", 9);
        if (d.FeedsWithoutData.Count > 0) w.Text("尚无数据：" + string.Join("、", d.FeedsWithoutData), 9, brush: XBrushes.DarkOrange);
        w.Space(6);
        w.Text($"本报告生成于 {Kernel.Auditing.AuditExport.LocalTime(report.CreatedAt)}，内容不可更改；重新核对将生成新的报告。扫描右上角二维码，或访问 {publicUrl}，输入户主身份证号码后六位即可查验本报告。", 8.5, brush: XBrushes.Gray);
        return w.ToBytes();
    }
}
