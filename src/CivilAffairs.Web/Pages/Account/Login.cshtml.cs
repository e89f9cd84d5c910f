using CivilAffairs.Web.Kernel;
using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CivilAffairs.Web.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting("sign-in")]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AppDbContext db, IConfiguration config) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName)) ModelState.AddModelError("Input.UserName", "请填写登录名");
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", "请填写密码");
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByNameAsync(Input.UserName!.Trim());
        if (user is null)
        {
            ModelState.AddModelError("", "登录名或密码错误");
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", user.LockoutEnd is { Year: >= 9999 }
                ? "账号已停用，请联系系统管理员"
                : "账号已被锁定（连续 5 次密码错误），请 15 分钟后再试或联系管理员");
            return Page();
        }
        if (result.RequiresTwoFactor) return RedirectToPage("LoginWith2fa", new { ReturnUrl });
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", "登录名或密码错误");
            return Page();
        }
        db.AddAudit(AuditAction.Operation, nameof(AppUser), user.Id, user.DivisionCode, "网页登录", actor: (user.Id, user.UserName ?? ""));
        await db.SaveChangesAsync();
        if (KernelModule.AdminTwoFactorRequired(config) && await users.IsInRoleAsync(user, Roles.Admin))
            return RedirectToPage("TwoFactor", new { required = true });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
