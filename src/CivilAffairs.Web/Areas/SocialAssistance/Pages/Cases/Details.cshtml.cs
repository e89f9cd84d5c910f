using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Cases;

[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class DetailsModel(Features.Cases cases) : AppPageModel
{
    public CaseView Case { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken ct) => Case = await cases.GetAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(int id, string step, int version, string? reason, int? months, decimal? newAmount, bool irregular, CancellationToken ct)
    {
        var ok = await TryAsync(async () =>
        {
            _ = step switch
            {
                "review" => await cases.ReviewAsync(id, version, reason, newAmount is null ? null : Money.FenOf(newAmount, "MonthlyAmountFen"), irregular, ct),
                "suspend" => await cases.SuspendAsync(id, version, reason, ct),
                "resume" => await cases.ResumeAsync(id, version, reason, ct),
                "gradual-exit" => await cases.GradualExitAsync(id, version, months ?? 0, reason, ct),
                "terminate" => await cases.TerminateAsync(id, version, reason, ct),
                _ => throw new DomainException("未知的操作"),
            };
        }, prefix: "");
        if (ok)
        {
            TempData["Message"] = "已保存。";
            return Redirect($"/SocialAssistance/Cases/{id}");
        }
        Case = await cases.GetAsync(id, ct);
        return Page();
    }
}
