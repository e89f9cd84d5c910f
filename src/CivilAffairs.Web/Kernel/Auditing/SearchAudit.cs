using CivilAffairs.Web.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Auditing;

public sealed record AuditLine(long Id, DateTime At, string UserName, string? DivisionCode, string Action, string EntityType, string EntityId,
    int? PersonId, string? Changes, string? Description);

/// <summary>Administrators search the trail by person, user, entity and date. Read-only by construction.</summary>
public static class SearchAudit
{
    public sealed class Query
    {
        public int? PersonId { get; set; }
        public string? UserName { get; set; }
        public string? EntityType { get; set; }
        public string? EntityId { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
    }

    public sealed class Handler(AppDbContext db)
    {
        private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        public async Task<PagedResult<AuditLine>> HandleAsync(Query query, CancellationToken ct = default)
        {
            var (page, size) = Paging.Normalize(query.Page, query.PageSize);
            var items = Filter(query);
            var total = await items.CountAsync(ct);
            var rows = await Project(items.OrderByDescending(a => a.Id).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
            return new PagedResult<AuditLine>(rows.Select(MaskPersonalData).ToList(), total, page, size);
        }

        public async Task<List<AuditLine>> AllAsync(Query query, int max, CancellationToken ct = default) =>
            (await Project(Filter(query).OrderByDescending(a => a.Id).Take(max)).ToListAsync(ct)).Select(MaskPersonalData).ToList();

        private IQueryable<AuditEntry> Filter(Query q)
        {
            var items = db.AuditEntries.AsNoTracking();
            if (q.PersonId is { } pid) items = items.Where(a => a.PersonId == pid);
            if (!string.IsNullOrWhiteSpace(q.UserName)) items = items.Where(a => a.UserName == q.UserName.Trim());
            if (!string.IsNullOrWhiteSpace(q.EntityType)) items = items.Where(a => a.EntityType == q.EntityType.Trim());
            if (!string.IsNullOrWhiteSpace(q.EntityId)) items = items.Where(a => a.EntityId == q.EntityId.Trim());
            if (q.From is { } from)
            {
                var f = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), China);
                items = items.Where(a => a.At >= f);
            }
            if (q.To is { } to)
            {
                var t = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), China);
                items = items.Where(a => a.At < t);
            }
            return items;
        }

        private static IQueryable<AuditLine> Project(IQueryable<AuditEntry> items) =>
            items.Select(a => new AuditLine(a.Id, a.At, a.UserName, a.DivisionCode, a.Action.ToString(), a.EntityType, a.EntityId, a.PersonId, a.Changes, a.Description));
    }

    /// <summary>
    /// The trail stores old and new values as they were; the page, the API and the export show ID and phone numbers
    /// masked like every other list (the stored values stay available to a database-level investigation).
    /// </summary>
    public static AuditLine MaskPersonalData(AuditLine line)
    {
        if (line.Changes is null || !(line.Changes.Contains("\"IdNumber\"", StringComparison.Ordinal) || line.Changes.Contains("\"Phone\"", StringComparison.Ordinal)))
            return line;
        var changes = System.Text.Json.Nodes.JsonNode.Parse(line.Changes)!.AsObject();
        foreach (var (key, mask) in new (string, Func<string?, string>)[] { ("IdNumber", Security.PiiMask.IdNumber), ("Phone", Security.PiiMask.Phone) })
        {
            if (changes[key] is System.Text.Json.Nodes.JsonArray pair)
                for (var i = 0; i < pair.Count; i++)
                    if (pair[i] is { } v && v.GetValueKind() == System.Text.Json.JsonValueKind.String) pair[i] = mask(v.GetValue<string>());
        }
        return line with { Changes = changes.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) };
    }

    public static string ActionName(string action) => action switch
    {
        nameof(AuditAction.Create) => "新增",
        nameof(AuditAction.Update) => "修改",
        nameof(AuditAction.Delete) => "删除",
        nameof(AuditAction.ViewPersonalData) => "查看个人信息",
        _ => "业务操作",
    };
}
