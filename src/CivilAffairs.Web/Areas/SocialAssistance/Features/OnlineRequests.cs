using System.Text.RegularExpressions;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

public sealed record OnlineInput(string? Programme, string? CommunityCode, string? Name, string? IdNumber, string? Phone, string? Reason);

/// <summary>What a resident is told: the number to keep, and the status (nothing else).</summary>
public sealed record OnlineReceipt(string Number, string Status, string StatusName, string? DeclineReason, string? ApplicationStatusName);

public sealed record OnlineRequestView(int Id, string Number, string Programme, string ProgrammeName, string DivisionCode, string Name, string IdNumberMasked,
    string PhoneMasked, string Reason, DateTime SubmittedAt, string Status, string StatusName, int? HouseholdId, int? ApplicationId, string? DeclineReason, int Version);

/// <summary>
/// Online applications by residents through the public portal: submitted without signing in (rate-limited), received by
/// the chosen community, turned into an application of the applicant's household or declined with the reason; the
/// resident follows the status with the number and the last six characters of the ID number.
/// </summary>
public sealed partial class OnlineRequests(AppDbContext db, DivisionDirectory divisions, PersonStatusLookup registry, CurrentUser user, TimeProvider clock)
{
    [GeneratedRegex("^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$")]
    private static partial Regex PhonePattern();

    public async Task<OnlineReceipt> SubmitAsync(OnlineInput input, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var v = new Validator();
        if (!Enum.TryParse<Programme>(input.Programme, true, out var programme) || !Enum.IsDefined(programme))
            v.Add("Programme", "请选择申请的救助项目");
        var all = await divisions.AllAsync(ct);
        if (input.CommunityCode is null || !all.TryGetValue(input.CommunityCode, out var community) || community.Level != DivisionLevel.Community || !community.IsActive)
            v.Add("CommunityCode", "请选择您居住的社区");
        var name = v.Text("Name", "姓名", input.Name, 50, required: true);
        var id = input.IdNumber?.Trim().ToUpperInvariant();
        if (!CitizenId.TryParse(id, today, out _, out var idError)) v.Add("IdNumber", idError);
        var phone = input.Phone?.Replace(" ", "").Trim();
        if (string.IsNullOrEmpty(phone) || !PhonePattern().IsMatch(phone)) v.Add("Phone", "请填写有效的手机号码或固定电话（如 0714-1234567）");
        var reason = v.Text("Reason", "申请理由", input.Reason, 1000, required: true);
        v.ThrowIfInvalid();
        // one pending online application per person is enough (the public form is not a way to flood a community)
        if (await db.Set<OnlineRequest>().IgnoreQueryFilters().AnyAsync(r => r.IdNumber == id && r.Status == OnlineRequestStatus.Pending, ct))
            throw new DomainException("该身份证号码已有一份待社区受理的网上申请，请耐心等待社区联系", "IdNumber");
        var request = new OnlineRequest(programme, input.CommunityCode!, id!, name!, phone!, reason!, clock.GetUtcNow().UtcDateTime);
        db.Add(request);
        await db.SaveChangesAsync(ct);
        return Receipt(request, null);
    }

    private static OnlineReceipt Receipt(OnlineRequest r, string? applicationStatus) =>
        new(r.Number, r.Status.ToString(), OnlineRequest.StatusName(r.Status), r.DeclineReason, applicationStatus);

    /// <summary>The status of an online application, for the number and the last six characters of the applicant's ID number.</summary>
    public async Task<OnlineReceipt> StatusAsync(string? number, string? last6, CancellationToken ct = default)
    {
        var parts = (number ?? "").Trim().ToUpperInvariant().Split('-');
        if (parts.Length != 3 || !int.TryParse(parts[1], out var id) || string.IsNullOrEmpty(last6))
            throw new NotFoundException("没有找到该网上申请，请核对编号和身份证号码后六位");
        // public by design: only the status leaves this query, and only for the right number and ID characters
        var r = await db.Set<OnlineRequest>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null || r.Code != parts[2] || !r.IdNumber.EndsWith(last6.Trim().ToUpperInvariant(), StringComparison.Ordinal) || last6.Trim().Length != 6)
            throw new NotFoundException("没有找到该网上申请，请核对编号和身份证号码后六位");
        string? applicationStatus = null;
        if (r.ApplicationId is { } appId)
            applicationStatus = await db.Set<AssistanceApplication>().IgnoreQueryFilters().Where(a => a.Id == appId).Select(a => (ApplicationStatus?)a.Status).FirstOrDefaultAsync(ct)
                is { } s ? AssistanceApplication.StatusName(s) : null;
        return Receipt(r, applicationStatus);
    }

    public async Task<List<OnlineRequestView>> PendingAsync(CancellationToken ct = default)
    {
        var rows = await db.Set<OnlineRequest>().AsNoTracking().Where(r => r.Status == OnlineRequestStatus.Pending).OrderBy(r => r.Id).Take(200).ToListAsync(ct);
        var households = await registry.HouseholdsOfAsync(rows.Select(r => r.IdNumber).Distinct().ToList(), ct);
        return rows.Select(r => View(r, households.GetValueOrDefault(r.IdNumber))).ToList();
    }

    public async Task<OnlineRequestView> GetAsync(int id, CancellationToken ct = default)
    {
        var r = await db.Set<OnlineRequest>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("网上申请不存在或不在您的管辖范围内");
        return View(r, await registry.HouseholdOfAsync(r.IdNumber, ct));
    }

    private static OnlineRequestView View(OnlineRequest r, int? householdId) => new(r.Id, r.Number, r.Programme.ToString(), AssistanceApplication.ProgrammeName(r.Programme),
        r.DivisionCode, r.Name, PiiMask.IdNumber(r.IdNumber), PiiMask.Phone(r.Phone), r.Reason, r.SubmittedAt, r.Status.ToString(), OnlineRequest.StatusName(r.Status),
        householdId, r.ApplicationId, r.DeclineReason, r.Version);

    public async Task<OnlineRequestView> DeclineAsync(int id, int version, string? reason, CancellationToken ct = default)
    {
        if (!user.IsInRole(Roles.CommunityCaseworker) && !user.IsInRole(Roles.StreetReviewer) && !user.IsInRole(Roles.DistrictStaff))
            throw new ForbiddenException("网上申请由社区、街道或区民政局受理");
        var r = await db.Set<OnlineRequest>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("网上申请不存在或不在您的管辖范围内");
        if (r.Version != version) throw new StaleEditException();
        r.Decline(reason, user.UserName, clock.GetUtcNow().UtcDateTime);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new StaleEditException(); }
        return await GetAsync(id, ct);
    }
}
