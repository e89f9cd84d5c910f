using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using Microsoft.AspNetCore.Identity;

namespace CivilAffairs.Web.Kernel.Security;

/// <summary>Administrators change an account's role and division, reset its password, disable and re-enable it.</summary>
public sealed class ManageUser(UserManager<AppUser> users, AppDbContext db, DivisionDirectory divisions, CurrentUser me)
{
    public sealed class ChangeCommand
    {
        public string? DisplayName { get; set; }
        public string? Role { get; set; }
        public string? DivisionCode { get; set; }
    }

    public async Task ChangeAsync(string id, ChangeCommand cmd, CancellationToken ct = default)
    {
        var user = await FindAsync(id);
        var v = new Validator();
        var displayName = v.Text(nameof(cmd.DisplayName), "姓名", cmd.DisplayName, 50);
        if (cmd.Role is null || !Roles.All.Contains(cmd.Role)) v.Add(nameof(cmd.Role), "角色不正确，可选：" + string.Join("、", Roles.All));
        var all = await divisions.AllAsync(ct);
        var code = cmd.DivisionCode?.Trim();
        if (code is null || !all.TryGetValue(code, out var division) || !division.IsActive) v.Add(nameof(cmd.DivisionCode), "所属区划不存在或已撤销");
        else if (cmd.Role is not null && Roles.All.Contains(cmd.Role) && cmd.Role != Roles.Leader && Roles.RequiredLevel(cmd.Role) != division.Level)
            v.Add(nameof(cmd.DivisionCode), $"{Roles.DisplayName(cmd.Role)}须绑定到{CreateUser.LevelName(Roles.RequiredLevel(cmd.Role))}");
        if (user.Id == me.UserId && cmd.Role != Roles.Admin) v.Add(nameof(cmd.Role), "不能取消自己的管理员角色");
        v.ThrowIfInvalid();

        var oldRoles = await users.GetRolesAsync(user);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = $"{string.Join(",", oldRoles)} @ {user.DivisionCode}";
        user.DisplayName = displayName ?? user.DisplayName;
        user.DivisionCode = code!;
        await Check(users.UpdateAsync(user));
        if (!oldRoles.SequenceEqual([cmd.Role!]))
        {
            await Check(users.RemoveFromRolesAsync(user, oldRoles));
            await Check(users.AddToRoleAsync(user, cmd.Role!));
        }
        // Signs the account out everywhere: its cookie and tokens carry the old role and division.
        await Check(users.UpdateSecurityStampAsync(user));
        db.AddAudit(AuditAction.Update, nameof(AppUser), user.Id, user.DivisionCode, $"账号 {user.UserName}：{before} → {cmd.Role} @ {user.DivisionCode}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task ResetPasswordAsync(string id, string? password, CancellationToken ct = default)
    {
        var user = await FindAsync(id);
        var v = new Validator();
        if (string.IsNullOrEmpty(password)) v.Add("Password", "请设置新密码");
        else
            foreach (var validator in users.PasswordValidators)
                foreach (var e in (await validator.ValidateAsync(users, user, password)).Errors) v.Add("Password", IdentityMessages.Translate(e));
        v.ThrowIfInvalid();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Check(users.RemovePasswordAsync(user));
        await Check(users.AddPasswordAsync(user, password!));
        await Check(users.ResetAccessFailedCountAsync(user));
        await Check(users.UpdateSecurityStampAsync(user));
        db.AddAudit(AuditAction.Operation, nameof(AppUser), user.Id, user.DivisionCode, $"重置账号 {user.UserName} 的密码");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Disabled accounts cannot sign in (an open-ended lockout); enabling clears it.</summary>
    public async Task SetEnabledAsync(string id, bool enabled, CancellationToken ct = default)
    {
        var user = await FindAsync(id);
        if (!enabled && user.Id == me.UserId) throw new DomainException("不能停用自己的账号");
        await Check(users.SetLockoutEnabledAsync(user, true));
        await Check(users.SetLockoutEndDateAsync(user, enabled ? null : DateTimeOffset.MaxValue));
        if (enabled) await Check(users.ResetAccessFailedCountAsync(user));
        await Check(users.UpdateSecurityStampAsync(user));
        db.AddAudit(AuditAction.Operation, nameof(AppUser), user.Id, user.DivisionCode, enabled ? $"启用（解锁）账号 {user.UserName}" : $"停用账号 {user.UserName}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>For a lost phone: turns two-factor off and discards the secret; the user sets it up again.</summary>
    public async Task ResetTwoFactorAsync(string id, CancellationToken ct = default)
    {
        var user = await FindAsync(id);
        await Check(users.SetTwoFactorEnabledAsync(user, false));
        await Check(users.ResetAuthenticatorKeyAsync(user));
        await Check(users.UpdateSecurityStampAsync(user));
        db.AddAudit(AuditAction.Operation, nameof(AppUser), user.Id, user.DivisionCode, $"重置账号 {user.UserName} 的两步验证");
        await db.SaveChangesAsync(ct);
    }

    private async Task<AppUser> FindAsync(string id) => await users.FindByIdAsync(id) ?? throw new NotFoundException("账号不存在");

    private static async Task Check(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
            throw new ValidationFailedException(new Dictionary<string, string[]> { [""] = result.Errors.Select(IdentityMessages.Translate).ToArray() });
    }
}
