using CivilAffairs.Web.Kernel.Security;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

/// <summary>One application on public notice, as anybody may see it: masked name and ID number, no address.</summary>
public sealed record PublicNoticeItem(int ApplicationId, string Programme, string Community, string ApplicantNameMasked, string IdNumberMasked, int HouseholdSize,
    DateOnly NoticeStart, DateOnly NoticeEnd);

/// <summary>
/// The public notice board (公示) of the portal: every application in its notice period, across the district, for
/// anybody (no sign-in). Only masked names and ID numbers, the community and the household size are shown; an
/// objection is lodged with the community (the page says how), and staff record it on the application.
/// </summary>
public sealed class PublicNotices(AppDbContext db, DivisionDirectory divisions, TimeProvider clock)
{
    public async Task<IReadOnlyList<PublicNoticeItem>> CurrentAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        // deliberately across every division: the notice is public by law; only masked fields leave this query
        var rows = await db.Set<AssistanceApplication>().IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.PublicNotice && a.NoticeStart <= today && a.NoticeEnd >= today)
            .OrderBy(a => a.DivisionCode).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.Programme, a.DivisionCode, a.ApplicantName, a.NoticeStart, a.NoticeEnd, a.IndividualPersonId,
                Members = a.Members.OrderBy(m => m.Id).Select(m => new { m.PersonId, m.Name, m.IdNumber, m.Relationship, m.Counted }).ToList(),
            })
            .Take(500).ToListAsync(ct);
        var all = await divisions.AllAsync(ct);
        return rows.Select(r =>
        {
            // the person enrolled alone (individual inclusion), otherwise the head of the household
            var shown = r.IndividualPersonId is { } pid ? r.Members.First(m => m.PersonId == pid)
                : r.Members.FirstOrDefault(m => m.Relationship == "户主") ?? r.Members[0];
            return new PublicNoticeItem(r.Id, AssistanceApplication.ProgrammeName(r.Programme), all.TryGetValue(r.DivisionCode, out var d) ? d.Name : r.DivisionCode,
                PiiMask.PublicName(shown.Name), PiiMask.PublicIdNumber(shown.IdNumber), r.IndividualPersonId is null ? r.Members.Count(m => m.Counted) : 1, r.NoticeStart!.Value, r.NoticeEnd!.Value);
        }).ToList();
    }
}
