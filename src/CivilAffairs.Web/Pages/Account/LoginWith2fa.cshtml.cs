using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CivilAffairs.Web.Pages.Account;

public sealed class LoginWith2faModel(SignInManager<AppUser> signIn, CivilAffairs.Web.Kernel.Data.AppDbContext db) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var code = Code?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(code))
        {
            ModelState.AddModelError("", "请填写验证码");
            return Page();
        }
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            db.AddAudit(CivilAffairs.Web.Kernel.Auditing.AuditAction.Operation, nameof(AppUser), user!.Id, user.DivisionCode, "网页登录（两步验证）", actor: (user.Id, user.UserName ?? ""));
            await db.SaveChangesAsync();
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.IsLockedOut) ModelState.AddModelError("", "账号已被锁定，请稍后再试或联系管理员");
        else if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("Login");
        else ModelState.AddModelError("", "验证码不正确");
        return Page();
    }
}
