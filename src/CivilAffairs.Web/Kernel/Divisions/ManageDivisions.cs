using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Divisions;

public sealed record DivisionView(string Code, string Name, string Level, string? ParentCode, bool CodeConfirmed, bool Active,
    DateOnly? RetiredOn, string? SuccessorCode, string? Note);

/// <summary>Administrators add, rename, merge and retire divisions.</summary>
public sealed class ManageDivisions(AppDbContext db, TimeProvider clock)
{
    public static DivisionView View(AdministrativeDivision d) =>
        new(d.Code, d.Name, d.Level.ToString(), d.ParentCode, d.CodeConfirmed, d.IsActive, d.RetiredOn, d.SuccessorCode, d.Note);

    public async Task<AdministrativeDivision> AddAsync(string? code, string? name, bool codeConfirmed, string? note, CancellationToken ct = default)
    {
        var v = new Validator();
        code = code?.Trim();
        var n = v.Text("Name", "名称", name, 50, required: true);
        v.Text("Note", "备注", note, 200);
        if (!DivisionCode.IsWellFormed(code)) v.Add("Code", "区划代码应为 12 位数字");
        else
        {
            if (await db.Divisions.AnyAsync(d => d.Code == code, ct)) v.Add("Code", "该区划代码已存在");
            var level = DivisionCode.LevelOf(code!);
            if (level == DivisionLevel.District) v.Add("Code", "只能新增街道或社区");
            var parent = DivisionCode.ParentOf(code!);
            if (parent is not null && !await db.Divisions.AnyAsync(d => d.Code == parent && d.RetiredOn == null, ct))
                v.Add("Code", $"上级区划 {parent} 不存在或已撤销");
        }
        v.ThrowIfInvalid();
        var division = new AdministrativeDivision(code!, n!, codeConfirmed, Registry.Features.PersonRules.Clean(note));
        db.Divisions.Add(division);
        await db.SaveChangesAsync(ct);
        return division;
    }

    public async Task<AdministrativeDivision> RenameAsync(string code, string? name, bool codeConfirmed, string? note, int version, CancellationToken ct = default)
    {
        var d = await db.Divisions.FirstOrDefaultAsync(x => x.Code == code, ct) ?? throw new NotFoundException("区划不存在");
        var v = new Validator();
        var n = v.Text("Name", "名称", name, 50, required: true);
        v.Text("Note", "备注", note, 200);
        v.ThrowIfInvalid();
        db.Entry(d).Property(x => x.Version).OriginalValue = version;
        d.Rename(n!, codeConfirmed, Registry.Features.PersonRules.Clean(note));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new StaleEditException(); }
        return d;
    }

    /// <summary>
    /// Corrects the statistical code of a street or community (codes were generated where unconfirmed). Everything
    /// carrying the old code — the division's communities for a street, residents, households, accounts — moves to
    /// the new code in one audited transaction.
    /// </summary>
    public async Task<int> ChangeCodeAsync(string code, string? newCode, CancellationToken ct = default)
    {
        var d = await db.Divisions.FirstOrDefaultAsync(x => x.Code == code, ct) ?? throw new NotFoundException("区划不存在");
        newCode = newCode?.Trim();
        var v = new Validator();
        if (!d.IsActive) v.Add("NewCode", "已撤销的区划不能修改代码");
        if (d.Level == DivisionLevel.District) v.Add("NewCode", "不能修改区的代码");
        if (!DivisionCode.IsWellFormed(newCode)) v.Add("NewCode", "区划代码应为 12 位数字");
        else if (newCode == code) v.Add("NewCode", "新代码与原代码相同");
        else
        {
            if (DivisionCode.LevelOf(newCode!) != d.Level) v.Add("NewCode", "新代码的层级（街道/社区）须与原代码一致");
            else if (DivisionCode.ParentOf(newCode!) != d.ParentCode && d.Level == DivisionLevel.Community)
                v.Add("NewCode", $"社区代码的前 9 位须与所属街道一致（{d.ParentCode![..9]}）");
            else if (d.Level == DivisionLevel.Street && newCode![..6] != code[..6]) v.Add("NewCode", "街道代码的前 6 位须与区一致");
            if (await db.Divisions.AnyAsync(x => x.Code == newCode, ct)) v.Add("NewCode", "该代码已被其他区划使用");
        }
        v.ThrowIfInvalid();

        var oldPrefix = DivisionCode.ScopePrefix(code);
        var newPrefix = DivisionCode.ScopePrefix(newCode!);
        string Map(string c) => c.StartsWith(oldPrefix, StringComparison.Ordinal) ? newPrefix + c[oldPrefix.Length..] : c;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Divisions are keyed by Id; their Code, ParentCode and successor references change in place.
        var divisions = await db.Divisions.Where(x => x.Code.StartsWith(oldPrefix) || (x.SuccessorCode != null && x.SuccessorCode.StartsWith(oldPrefix))).ToListAsync(ct);
        foreach (var x in divisions) x.Recode(Map);
        var persons = await db.Persons.IgnoreQueryFilters().Where(p => p.DivisionCode.StartsWith(oldPrefix)).ToListAsync(ct);
        foreach (var p in persons) p.MoveToCommunity(Map(p.DivisionCode));
        var households = await db.Households.IgnoreQueryFilters().Where(h => h.DivisionCode.StartsWith(oldPrefix)).ToListAsync(ct);
        foreach (var h in households) h.MoveToCommunity(Map(h.DivisionCode));
        var users = await db.Users.Where(u => u.DivisionCode.StartsWith(oldPrefix)).ToListAsync(ct);
        foreach (var u in users)
        {
            u.DivisionCode = Map(u.DivisionCode);
            u.SecurityStamp = Guid.NewGuid().ToString(); // signs them out: sessions and tokens carry the old code
        }
        db.AddAudit(AuditAction.Operation, nameof(AdministrativeDivision), newCode!, newCode,
            $"更正 {d.Name} 的区划代码：{code} → {newCode}（下属区划 {divisions.Count - 1} 个、居民 {persons.Count} 人、家庭 {households.Count} 户、账号 {users.Count} 个随之更新）");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return persons.Count;
    }

    /// <summary>
    /// Retires a community and moves its people and households to the successor in one audited transaction
    /// (a merge); or retires a street whose communities are all retired.
    /// </summary>
    public async Task<int> RetireAsync(string code, string? successorCode, CancellationToken ct = default)
    {
        var d = await db.Divisions.FirstOrDefaultAsync(x => x.Code == code, ct) ?? throw new NotFoundException("区划不存在");
        var v = new Validator();
        if (!d.IsActive) v.Add("Code", "该区划已撤销");
        if (d.Level == DivisionLevel.District) v.Add("Code", "不能撤销区");
        AdministrativeDivision? successor = null;
        if (d.Level == DivisionLevel.Community)
        {
            successor = await db.Divisions.FirstOrDefaultAsync(x => x.Code == successorCode, ct);
            if (successor is null) v.Add("SuccessorCode", "请选择承接的社区");
            else if (successor.Level != DivisionLevel.Community || !successor.IsActive || successor.Code == code)
                v.Add("SuccessorCode", "承接区划须是另一个有效的社区");
        }
        else if (d.Level == DivisionLevel.Street)
        {
            if (await db.Divisions.AnyAsync(x => x.ParentCode == code && x.RetiredOn == null, ct))
                v.Add("Code", "该街道下仍有有效社区，请先将社区并入其他街道的社区");
        }
        v.ThrowIfInvalid();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = 0;
        if (successor is not null)
        {
            var persons = await db.Persons.IgnoreQueryFilters().Where(p => p.DivisionCode == code).ToListAsync(ct);
            foreach (var p in persons) p.MoveToCommunity(successor.Code);
            var households = await db.Households.IgnoreQueryFilters().Where(h => h.DivisionCode == code).ToListAsync(ct);
            foreach (var h in households) h.MoveToCommunity(successor.Code);
            var users = await db.Users.Where(u => u.DivisionCode == code).ToListAsync(ct);
            foreach (var u in users)
            {
                u.DivisionCode = successor.Code;
                u.SecurityStamp = Guid.NewGuid().ToString(); // signs them out: sessions and tokens carry the old code
            }
            moved = persons.Count;
        }
        d.Retire(DateOnly.FromDateTime(clock.GetLocalNow().DateTime), successor?.Code);
        db.AddAudit(AuditAction.Operation, nameof(AdministrativeDivision), code, code,
            successor is null ? $"撤销 {d.Name}" : $"撤销 {d.Name}，并入 {successor.Name}（{successor.Code}）：迁移居民 {moved} 人");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return moved;
    }
}
