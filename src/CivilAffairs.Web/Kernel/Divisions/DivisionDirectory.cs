using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Divisions;

/// <summary>The division tree for this request (loaded once; the tree is small): names, validity and scope checks.</summary>
public sealed class DivisionDirectory(AppDbContext db, DivisionScope scope)
{
    private Dictionary<string, AdministrativeDivision>? _byCode;

    public async Task<IReadOnlyDictionary<string, AdministrativeDivision>> AllAsync(CancellationToken ct = default) =>
        _byCode ??= await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Code, ct);

    public async Task<string> NameOfAsync(string? code, CancellationToken ct = default)
    {
        if (code is null) return "";
        var all = await AllAsync(ct);
        return all.TryGetValue(code, out var d) ? d.Name : code;
    }

    /// <summary>"花湖街道 / 大码头社区".</summary>
    public async Task<string> PathOfAsync(string? code, CancellationToken ct = default)
    {
        if (code is null) return "";
        var all = await AllAsync(ct);
        var names = new List<string>();
        for (var c = code; c is not null && all.TryGetValue(c, out var d); c = d.ParentCode)
        {
            if (d.Level != DivisionLevel.District) names.Insert(0, d.Name);
        }
        if (names.Count == 0) return all.TryGetValue(code, out var self) ? self.Name : code;
        return string.Join(" / ", names);
    }

    /// <summary>Active communities inside the caller's scope, ordered by code.</summary>
    public async Task<IReadOnlyList<AdministrativeDivision>> CommunitiesInScopeAsync(CancellationToken ct = default) =>
        (await AllAsync(ct)).Values
            .Where(d => d.Level == DivisionLevel.Community && d.IsActive && scope.Contains(d.Code))
            .OrderBy(d => d.Code, StringComparer.Ordinal).ToList();

    /// <summary>Checks that a code names an active community inside the caller's scope; adds a field error otherwise.</summary>
    public async Task<bool> ValidateCommunityAsync(Validator v, string field, string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            v.Add(field, "请选择所属社区");
            return false;
        }
        code = code.Trim();
        var all = await AllAsync(ct);
        if (!DivisionCode.IsWellFormed(code) || !all.TryGetValue(code, out var d))
        {
            v.Add(field, $"社区代码 {code} 不存在");
            return false;
        }
        if (d.Level != DivisionLevel.Community)
        {
            v.Add(field, $"{d.Name}不是社区，请选择具体的社区");
            return false;
        }
        if (!d.IsActive)
        {
            v.Add(field, $"{d.Name}已撤销，请选择其承接社区");
            return false;
        }
        if (!scope.Contains(code))
        {
            v.Add(field, $"{d.Name}不在您的管辖范围内");
            return false;
        }
        return true;
    }
}
