using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Security;

public sealed record UserSummary(string Id, string UserName, string DisplayName, string Role, string RoleName, string DivisionCode,
    string DivisionName, bool TwoFactorEnabled, bool LockedOut, DateTime CreatedAt)
{
    /// <summary>Disabled by an administrator (an open-ended lockout), as opposed to locked for 15 minutes after failed sign-ins.</summary>
    public bool Disabled { get; init; }
    public string StateName => Disabled ? "已停用" : LockedOut ? "已锁定" : "正常";
}

/// <summary>Administrators create staff accounts bound to one division with one role.</summary>
public static class CreateUser
{
    public sealed class Command
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public string? Role { get; set; }
        public string? DivisionCode { get; set; }
    }

    public sealed class Handler(UserManager<AppUser> users, AppDbContext db, DivisionDirectory divisions, TimeProvider clock)
    {
        public async Task<AppUser> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var v = new Validator();
            var userName = v.Text(nameof(cmd.UserName), "登录名", cmd.UserName, 64, required: true);
            var displayName = v.Text(nameof(cmd.DisplayName), "姓名", cmd.DisplayName, 50);
            if (userName is not null && !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
                v.Add(nameof(cmd.UserName), "登录名只能包含英文字母、数字和 . - _");
            if (string.IsNullOrEmpty(cmd.Password)) v.Add(nameof(cmd.Password), "请设置初始密码");
            if (cmd.Role is null || !Roles.All.Contains(cmd.Role)) v.Add(nameof(cmd.Role), "角色不正确，可选：" + string.Join("、", Roles.All));
            var all = await divisions.AllAsync(ct);
            var code = cmd.DivisionCode?.Trim();
            if (code is null || !all.TryGetValue(code, out var division)) v.Add(nameof(cmd.DivisionCode), "所属区划不存在");
            else if (!division.IsActive) v.Add(nameof(cmd.DivisionCode), "所属区划已撤销");
            else if (cmd.Role is not null && Roles.All.Contains(cmd.Role) && cmd.Role != Roles.Leader && Roles.RequiredLevel(cmd.Role) != division.Level)
                v.Add(nameof(cmd.DivisionCode), $"{Roles.DisplayName(cmd.Role)}须绑定到{LevelName(Roles.RequiredLevel(cmd.Role))}");
            if (userName is not null && await users.FindByNameAsync(userName) is not null) v.Add(nameof(cmd.UserName), "登录名已被使用");
            if (!string.IsNullOrEmpty(cmd.Password) && userName is not null)
            {
                foreach (var validator in users.PasswordValidators)
                {
                    var r = await validator.ValidateAsync(users, new AppUser { UserName = userName }, cmd.Password);
                    foreach (var e in r.Errors) v.Add(nameof(cmd.Password), IdentityMessages.Translate(e));
                }
            }
            v.ThrowIfInvalid();

            var user = new AppUser
            {
                UserName = userName,
                DisplayName = displayName ?? userName!,
                DivisionCode = code!,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                LockoutEnabled = true,
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user, cmd.Password!);
            if (!created.Succeeded) throw new ValidationFailedException(new Dictionary<string, string[]> { [nameof(cmd.Password)] = created.Errors.Select(IdentityMessages.Translate).ToArray() });
            await users.AddToRoleAsync(user, cmd.Role!);
            db.AddAudit(AuditAction.Create, nameof(AppUser), user.Id, user.DivisionCode, $"创建账号 {user.UserName}，角色 {cmd.Role}，区划 {user.DivisionCode}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return user;
        }
    }

    public static string LevelName(DivisionLevel level) => level switch
    {
        DivisionLevel.District => "区",
        DivisionLevel.Street => "街道",
        _ => "社区",
    };
}

public static class ListUsers
{
    public sealed class Handler(AppDbContext db, DivisionDirectory divisions, TimeProvider clock)
    {
        public async Task<List<UserSummary>> HandleAsync(CancellationToken ct = default)
        {
            var now = clock.GetUtcNow();
            var rows = await (from u in db.Users.AsNoTracking()
                              join ur in db.UserRoles on u.Id equals ur.UserId into urs
                              from ur in urs.DefaultIfEmpty()
                              join r in db.Roles on ur.RoleId equals r.Id into rs
                              from r in rs.DefaultIfEmpty()
                              orderby u.UserName
                              select new { u, Role = r != null ? r.Name : "" }).ToListAsync(ct);
            var list = new List<UserSummary>();
            foreach (var x in rows)
                list.Add(new UserSummary(x.u.Id, x.u.UserName ?? "", x.u.DisplayName, x.Role ?? "", Roles.DisplayName(x.Role ?? ""), x.u.DivisionCode,
                    await divisions.PathOfAsync(x.u.DivisionCode, ct) is { Length: > 0 } p && p != x.u.DivisionCode ? p : await divisions.NameOfAsync(x.u.DivisionCode, ct),
                    x.u.TwoFactorEnabled, x.u.LockoutEnd is { } end && end > now, x.u.CreatedAt)
                { Disabled = x.u.LockoutEnd is { } e && e.Year >= 9999 });
            return list;
        }
    }
}

/// <summary>Identity's error messages in Chinese.</summary>
public static class IdentityMessages
{
    public static string Translate(IdentityError e) => e.Code switch
    {
        "PasswordTooShort" => "密码太短（至少 10 位）",
        "PasswordRequiresDigit" => "密码须包含数字",
        "PasswordRequiresLower" => "密码须包含小写字母",
        "PasswordRequiresUpper" => "密码须包含大写字母",
        "PasswordRequiresNonAlphanumeric" => "密码须包含符号（如 # @ !）",
        "PasswordRequiresUniqueChars" => "密码中不同的字符太少",
        "DuplicateUserName" => "登录名已被使用",
        "InvalidUserName" => "登录名只能包含英文字母、数字和 . - _",
        "PasswordMismatch" => "当前密码不正确",
        _ => e.Description,
    };
}
