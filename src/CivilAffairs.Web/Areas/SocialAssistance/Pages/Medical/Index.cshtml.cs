using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Medical;

/// <summary>District staff settle a bill by hand (hospitals use the API), look settlements up, reverse one, export the premium subsidies.</summary>
[Authorize(Policy = SocialAssistanceModule.Settlement)]
public sealed class IndexModel(MedicalSettlements settlements) : AppPageModel
{
    [BindProperty] public Form Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? IdNumber { get; set; }
    public SettlementView? Result { get; private set; }
    public PagedResult<SettlementView> Recent { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<(string UserName, string DisplayName)> Institutions { get; private set; } = [];

    public sealed class Form
    {
        public string? IdNumber { get; set; }
        public string Visit { get; set; } = "Inpatient";
        public string? Institution { get; set; }
        public string? BillNumber { get; set; }
        public DateOnly? VisitDate { get; set; }
        public decimal? Total { get; set; }
        public decimal? InCatalogue { get; set; }
        public decimal? BasicInsurance { get; set; }
        public decimal? CriticalIllness { get; set; }
        public decimal? OtherAid { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Recent = await settlements.ListAsync(IdNumber, 1, 20, ct);
        Institutions = await settlements.InstitutionsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await TryAsync(async () =>
        {
            var input = new SettlementInput(Input.IdNumber, Input.Visit, Input.BillNumber, Input.VisitDate, Money.FenOf(Input.Total, "TotalFen"),
                Money.FenOf(Input.InCatalogue, "InCatalogueFen"), Money.FenOf(Input.BasicInsurance, "BasicInsuranceFen"),
                Money.FenOf(Input.CriticalIllness, "CriticalIllnessFen"), Money.FenOf(Input.OtherAid, "OtherAidFen"), Input.Institution);
            Result = (await settlements.SettleAsync(input, ct)).View;
        });
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReverseAsync(long settlementId, string? reason, CancellationToken ct)
    {
        if (await TryAsync(async () => await settlements.ReverseAsync(settlementId, reason, ct), prefix: ""))
        {
            TempData["Message"] = "已冲销，年度救助额度已恢复。";
            return RedirectToPage();
        }
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetPremiumSubsidiesAsync(int? year, CancellationToken ct) =>
        File(await settlements.PremiumSubsidyExcelAsync(year, ct), Kernel.Excel.ExcelFile.ContentType, $"资助参保名单-{year ?? DateTime.Today.Year}.xlsx");
}
