using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Applications;

/// <summary>The case page: its data, the full timeline, and the next step's form for whoever may take it.</summary>
[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class DetailsModel(Features.Applications applications) : AppPageModel
{
    public ApplicationView Application { get; private set; } = null!;
    public AllowanceAmount? Amount { get; private set; }
    public string? AmountProblem { get; private set; }
    public string? FailedAction { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Application = await applications.GetAsync(id, ct);
        if (Application.Status is "Investigating" or "StreetReview" or "PublicNotice" or "Approval")
        {
            try { Amount = await applications.PreviewAmountAsync(id, ct); }
            catch (DomainException e) { AmountProblem = e.Message; }
        }
    }

    public bool Can(string action) => Application.AllowedActions.Contains(action);

    /// <summary>One form per step; the step's name says which ("accept", "visit", …). Refused input stays in the form.</summary>
    public async Task<IActionResult> OnPostAsync(int id, string step, int version, string? opinion, DateOnly? visitedOn, string? investigators, bool byDistrict,
        string? findings, string? neighbourVisits, string? decision, int? noticeDays, string? raisedBy, string? content, int? objectionId, bool upheld,
        List<string>? able, string? kind, IFormFile? file, decimal? amount, CancellationToken ct)
    {
        var ok = await TryAsync(async () =>
        {
            _ = step switch
            {
                "accept" => await applications.AcceptAsync(id, version, opinion, ct),
                "not-accept" => await applications.NotAcceptAsync(id, version, opinion, ct),
                "visit" => await applications.RecordVisitAsync(id, version, visitedOn, investigators, byDistrict, findings, neighbourVisits, ct),
                "verification" => await applications.AttachVerificationAsync(id, version, null, ct),
                "self-care" => await applications.AssessSelfCareAsync(id, version, SelfCare(able ?? []), ct),
                "submit" => await applications.SubmitToStreetAsync(id, version, opinion, ct),
                "street-review" => await applications.ReviewAtStreetAsync(id, version, decision, opinion, noticeDays, ct),
                "objection" => await applications.RaiseObjectionAsync(id, version, raisedBy, content, ct),
                "resolve-objection" => await applications.ResolveObjectionAsync(id, version, objectionId ?? 0, upheld, opinion, ct),
                "close-notice" => await applications.CloseNoticeAsync(id, version, ct),
                "approve" => await applications.ApproveAsync(id, version, opinion, ct),
                "refuse" => await applications.RefuseAsync(id, version, opinion, ct),
                "withdraw" => await applications.WithdrawAsync(id, version, opinion, ct),
                "refusal-notified" => await applications.RefusalNotifiedAsync(id, version, visitedOn, opinion, ct),
                "grant-emergency" => await applications.GrantEmergencyAsync(id, version, Money.FenOf(amount, "AmountFen"), opinion, ct),
                "complete-paperwork" => await applications.CompletePaperworkAsync(id, version, opinion, ct),
                "document" => await applications.AddDocumentAsync(id, version, kind, file, ct),
                _ => throw new DomainException("未知的操作"),
            };
        }, prefix: "");
        if (ok)
        {
            TempData["Message"] = "已保存。";
            return Redirect($"/SocialAssistance/Applications/{id}");
        }
        FailedAction = step;
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDocumentAsync(int id, int documentId, CancellationToken ct)
    {
        var (content, type, name) = await applications.DocumentAsync(id, documentId, ct);
        return File(content, type, name);
    }

    private static SelfCareAssessment SelfCare(List<string> able) => new(able.Contains("eat"), able.Contains("dress"), able.Contains("transfer"),
        able.Contains("toilet"), able.Contains("walk"), able.Contains("bathe"));

    /// <summary>What the user typed in the failed form (so it is not lost).</summary>
    public string Typed(string field) => FailedAction is null ? "" : Request.Form[field].ToString();
}
