using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Security;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Referrals;

[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class DetailsModel(AidPackages packages, CurrentUser user) : AppPageModel
{
    public ReferralView Referral { get; private set; } = null!;
    public bool CanRecord => user.IsInRole(Roles.StreetReviewer) || user.IsInRole(Roles.DistrictStaff);
    public bool CanWithdraw => CanRecord || user.IsInRole(Roles.CommunityCaseworker);

    public async Task OnGetAsync(int id, CancellationToken ct) => Referral = await packages.GetAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(int id, string step, int version, bool granted, string? form, decimal? amount, string? fromMonth, string? toMonth,
        DateOnly? decidedOn, string? outcome, CancellationToken ct)
    {
        var ok = await TryAsync(async () =>
        {
            _ = step switch
            {
                "outcome" => await packages.RecordOutcomeAsync(id, new ReferralOutcomeInput(version, granted, form,
                    Money.FenOf(amount, "AmountFen"),
                    MonthOf(fromMonth), MonthOf(toMonth), decidedOn, outcome), ct),
                "withdraw" => await packages.WithdrawAsync(id, new ReferralWithdrawInput(version, outcome), ct),
                _ => throw new DomainException("未知的操作"),
            };
        }, prefix: "");
        if (ok)
        {
            TempData["Message"] = "已保存。";
            return Redirect($"/SocialAssistance/Referrals/{id}");
        }
        Referral = await packages.GetAsync(id, ct);
        return Page();
    }

    /// <summary>"2026-09" (the month input) → 202609.</summary>
    private static int? MonthOf(string? value) =>
        value is { Length: 7 } v && int.TryParse(v[..4], out var y) && v[4] == '-' && int.TryParse(v[5..], out var m) ? y * 100 + m
        : string.IsNullOrWhiteSpace(value) ? null : throw new DomainException("月份格式应为 yyyy-MM", "FromMonth");
}
