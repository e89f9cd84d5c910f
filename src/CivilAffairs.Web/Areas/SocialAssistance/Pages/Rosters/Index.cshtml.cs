using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Security;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Rosters;

[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class IndexModel(Features.Rosters rosters, DivisionDirectory divisions, DivisionScope scope, TimeProvider clock) : AppPageModel
{
    public List<RosterView> Items { get; private set; } = [];
    public List<AdministrativeDivision> Streets { get; private set; } = [];
    public int DefaultMonth { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? streetCode, int? month, CancellationToken ct)
    {
        RosterView? roster = null;
        if (await TryAsync(async () => roster = await rosters.GenerateAsync(streetCode, month, ct), prefix: ""))
        {
            TempData["Message"] = $"花名册 #{roster!.Id} 正在生成，可在“后台任务”查看进度。";
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = await rosters.ListAsync(ct);
        Streets = (await divisions.AllAsync(ct)).Values.Where(d => d.IsActive && d.Level == DivisionLevel.Street && scope.Contains(d.Code))
            .OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        DefaultMonth = Kernel.Calendar.YearMonth.Next(DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
    }
}
