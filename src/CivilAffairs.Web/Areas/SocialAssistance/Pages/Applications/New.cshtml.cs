using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Applications;

/// <summary>A caseworker enters an application at the counter for a household of their community.</summary>
[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class NewModel(Features.Applications applications, HouseholdRoster roster, OnlineRequests online) : AppPageModel
{
    public Roster Household { get; private set; } = null!;
    /// <summary>A resident's online application being received (from the worklist's "受理，建立申请").</summary>
    [BindProperty(SupportsGet = true, Name = "request")] public int? OnlineRequestId { get; set; }
    public OnlineRequestView? Online { get; private set; }

    [BindProperty] public Form Input { get; set; } = new();

    public sealed class Form
    {
        public string Programme { get; set; } = "Dibao";
        public string Area { get; set; } = "Urban";
        public string? Reason { get; set; }
        public List<int> Counted { get; set; } = [];
        public Dictionary<int, string?> NotCountedReason { get; set; } = [];
        public List<int> SeriousIllness { get; set; } = [];
        public bool StaffRelative { get; set; }
        public string? StaffRelativeNote { get; set; }
        public bool SpecialCase { get; set; }
        public int? IndividualPersonId { get; set; }
        public decimal? RigidSpendingMonthly { get; set; }
        public string? TemporaryKind { get; set; }
        public decimal? RequestedAmount { get; set; }
        public string? PayeeName { get; set; }
        public string? BankName { get; set; }
        public string? BankAccount { get; set; }
    }

    public async Task OnGetAsync(int householdId, CancellationToken ct)
    {
        Household = await roster.GetAsync(householdId, ct);
        if (OnlineRequestId is { } r)
        {
            Online = await online.GetAsync(r, ct);
            Input.Programme = Online.Programme;
            Input.Reason = Online.Reason;
        }
        Input.Counted = Household.Members.Where(m => m.Status != PersonStatus.Deceased).Select(m => m.PersonId).ToList();
        Input.PayeeName = Household.Head?.Name;
    }

    public async Task<IActionResult> OnPostAsync(int householdId, CancellationToken ct)
    {
        Household = await roster.GetAsync(householdId, ct);
        if (OnlineRequestId is { } r) Online = await online.GetAsync(r, ct);
        var members = Household.Members.Select(m => new MemberInput(m.PersonId, Input.Counted.Contains(m.PersonId),
            Input.NotCountedReason.GetValueOrDefault(m.PersonId), Input.SeriousIllness.Contains(m.PersonId))).ToList();
        ApplicationView? created = null;
        if (!await TryAsync(async () => created = await applications.CreateAsync(new NewApplicationInput(Input.Programme, Input.Area, householdId, Input.Reason,
                members, Input.StaffRelative, Input.StaffRelativeNote, Input.SpecialCase, Input.IndividualPersonId,
                Money.FenOf(Input.RigidSpendingMonthly, "RigidSpendingMonthlyFen"), Input.PayeeName, Input.BankName, Input.BankAccount,
                OnlineRequestId: OnlineRequestId, TemporaryKind: Input.TemporaryKind, RequestedAmountFen: Money.FenOf(Input.RequestedAmount, "RequestedAmountFen")), ct)))
            return Page();
        TempData["Message"] = $"申请 {created!.Number} 已录入，请受理。";
        return Redirect($"/SocialAssistance/Applications/{created.Id}");
    }
}
