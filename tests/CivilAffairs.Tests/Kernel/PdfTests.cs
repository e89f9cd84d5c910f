using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Kernel.Pdf;
using Microsoft.Extensions.Configuration;

namespace CivilAffairs.Tests.Kernel;

public sealed class PdfTests
{
    private const string Wqy = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    [SkippableFact]
    public void The_first_face_of_a_font_collection_becomes_a_standalone_truetype_font()
    {
        Skip.IfNot(File.Exists(Wqy) || CivilAffairs.Tests.Support.AppFactory.IsCi, "fonts-wqy-microhei not installed");
        var ttc = File.ReadAllBytes(Wqy);
        Assert.True(CjkFont.IsCollection(ttc));
        var font = CjkFont.ExtractFirstFace(ttc);
        Assert.False(CjkFont.IsCollection(font));
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, font[..4]); // TrueType outlines
        Assert.True(font.Length < ttc.Length);
    }

    [SkippableFact]
    public void A_report_renders_as_a_pdf_with_chinese_text()
    {
        Skip.IfNot(File.Exists(Wqy) || CivilAffairs.Tests.Support.AppFactory.IsCi, "fonts-wqy-microhei not installed");
        var member = new ReportMember("张三", "户主", "420202********1234", "男", 60, "正常", 120000, 0, 0, ["名下有机动车 1 辆"],
            [new ReportItem("收入（税务）", "Income", "2026-05", 100000, "工资薪金", true)]);
        var document = new ReportDocument("HC20261129-TEST0001", 1, "花湖街道 / 大码头社区", "湖滨路 1 号", new DateOnly(2026, 11, 29), "2025-11", "2026-10",
            78000, 24, 1, 1200000, 100000, 100000, 0, 0, 1872000, 0, 0, 1, 0, 0, "DoesNotMeet", "不符合条件", ["家庭人均月收入 1,000.00 元，高于低保标准 780.00 元"],
            [member], [new ReportFeed("Tax", "收入（税务）", 1, new DateOnly(2026, 10, 31))], [], "柜台当面授权", "cw", DateTime.UtcNow);
        var report = new ReportView(1, document.Number, 1, "DoesNotMeet", "不符合条件", document.AsOf, DateTime.UtcNow, "cw", document);
        var pdf = new ReportPdf(new ConfigurationBuilder().Build()).Render(report, "http://localhost/verify?no=HC20261129-TEST0001");
        Assert.True(pdf.AsSpan().StartsWith("%PDF"u8));
        if (Environment.GetEnvironmentVariable("CA_PDF_OUT") is { Length: > 0 } outPath) File.WriteAllBytes(outPath, pdf);
        var text = CivilAffairs.Tests.Integration.PdfText.Extract(pdf);
        if (text is not null)
        {
            Assert.Contains("HC20261129-TEST0001", text);
            Assert.Contains("不符合条件", text);
            Assert.Contains("张三", text);
        }
    }
}
