using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Pages;
using QRCoder;

namespace CivilAffairs.Web.Areas.Verification.Pages.Reports;

/// <summary>A kept verification report, printable on A4, with a QR code for the public status check.</summary>
public sealed class IndexModel(VerifyHousehold verify, ReportPdf pdf) : AppPageModel
{
    public ReportView Report { get; private set; } = null!;
    public string QrCodeDataUri { get; private set; } = "";

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        Report = await verify.GetAsync(id, ct);
        var url = Api.VerificationEndpoints.PublicUrl(HttpContext, Report.Number);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(4));
    }

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetPdfAsync(int id, CancellationToken ct)
    {
        Report = await verify.GetAsync(id, ct, "下载核对报告 PDF");
        try
        {
            return File(pdf.Render(Report, Api.VerificationEndpoints.PublicUrl(HttpContext, Report.Number)), "application/pdf", $"核对报告-{Report.Number}.pdf");
        }
        catch (Kernel.Data.DomainException e)
        {
            TempData["Error"] = e.Message;
            return RedirectToPage(new { id });
        }
    }
}
