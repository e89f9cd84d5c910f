using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Security;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Households;

[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class PackageModel(AidPackages packages, CurrentUser user, TimeProvider clock) : AppPageModel
{
    /// <summary>Referrals are made by the community, the street or the district, from this year's package.</summary>
    public bool CanRefer => (user.IsInRole(Roles.CommunityCaseworker) || user.IsInRole(Roles.StreetReviewer) || user.IsInRole(Roles.DistrictStaff))
        && Package.Year == clock.GetLocalNow().Year;

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public ReferralForm Input { get; set; } = new();
    public HouseholdPackage Package { get; private set; } = null!;

    public sealed class ReferralForm
    {
        public int? CaseId { get; set; }
        public int? PersonId { get; set; }
        public string? Kind { get; set; }
        public string? SchoolStage { get; set; }
        public string? Need { get; set; }
    }

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        if (Year is < 2000 or > 2100)
        {
            ModelState.AddModelError("", "年份不正确，已显示今年");
            Year = null;
        }
        Package = await packages.PackageAsync(id, Year, ct);
    }

    /// <summary>Refer a member: the form posts "caseId:personId:kind" from the member's suggestions, or the fields separately.</summary>
    public async Task<IActionResult> OnPostAsync(int id, string? target, CancellationToken ct)
    {
        if (target?.Split(':') is [var c, var p, var k] && int.TryParse(c, out var caseId) && int.TryParse(p, out var personId))
        {
            Input.CaseId = caseId;
            Input.PersonId = personId;
            Input.Kind = k;
        }
        ReferralView? made = null;
        var ok = await TryAsync(async () => made = await packages.ReferAsync(new ReferralInput(Input.CaseId, Input.PersonId, Input.Kind, Input.SchoolStage, Input.Need), ct));
        if (ok)
        {
            TempData["Message"] = $"已转办{made!.Department}，答复期限 {made.DueOn:yyyy-MM-dd}。";
            return Redirect($"/SocialAssistance/Households/{id}/Package");
        }
        Package = await packages.PackageAsync(id, Year, ct);
        return Page();
    }
}
