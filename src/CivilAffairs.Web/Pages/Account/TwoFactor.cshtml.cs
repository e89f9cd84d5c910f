using System.Security.Claims;
using System.Text;
using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace CivilAffairs.Web.Pages.Account;

/// <summary>TOTP authenticator set-up (RFC 6238), available to every account; required for admins by configuration.</summary>
/// <summary>Every signed-in account, hospitals' included, manages its own password and two-factor sign-in.</summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, IConfiguration config) : AppPageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public bool Required { get; set; }
    public string SharedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    /// <summary>Already enabled: the secret is not shown again; the user may bind a new phone or switch it off.</summary>
    public bool Enabled { get; private set; }
    public bool MayDisable { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Enabled = user.TwoFactorEnabled;
        MayDisable = !(CivilAffairs.Web.Kernel.KernelModule.AdminTwoFactorRequired(config) && await users.IsInRoleAsync(user, Roles.Admin));
        if (!Enabled) await LoadKeyAsync(user);
        return Page();
    }

    /// <summary>A new secret (a new or lost phone): two-factor is off until the new key is verified.</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        db.AddAudit(AuditAction.Operation, nameof(AppUser), user.Id, user.DivisionCode, "重置两步验证密钥");
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { Required });
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (CivilAffairs.Web.Kernel.KernelModule.AdminTwoFactorRequired(config) && await users.IsInRoleAsync(user, Roles.Admin))
        {
            TempData["Message"] = "本系统要求管理员使用两步验证，不能关闭";
            return RedirectToPage();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        db.AddAudit(AuditAction.Operation, nameof(AppUser), user.Id, user.DivisionCode, "关闭两步验证");
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "两步验证已关闭";
        return Redirect("/Account/Manage");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var code = Code?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(code) || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("", "验证码不正确，请确认手机时间准确后重试");
            await LoadKeyAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        db.AddAudit(AuditAction.Operation, nameof(AppUser), user.Id, user.DivisionCode, "启用两步验证");
        await db.SaveChangesAsync();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        TempData["Message"] = "两步验证已启用";
        return Redirect("/");
    }

    private async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = Format(key!);
        var uri = $"otpauth://totp/{Uri.EscapeDataString("民政综合业务平台")}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer={Uri.EscapeDataString("民政综合业务平台")}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png);
    }

    private static string Format(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4) sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return sb.ToString().Trim().ToLowerInvariant();
    }
}
