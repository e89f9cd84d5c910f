using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Account;

/// <summary>Every signed-in account, hospitals' included, manages its own password and two-factor sign-in.</summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class ManageModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db) : AppPageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public bool TwoFactorEnabled { get; private set; }

    public sealed class InputModel
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        TwoFactorEnabled = user.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        TwoFactorEnabled = user.TwoFactorEnabled;
        if (string.IsNullOrEmpty(Input.CurrentPassword)) ModelState.AddModelError("Input.CurrentPassword", "请填写当前密码");
        if (string.IsNullOrEmpty(Input.NewPassword)) ModelState.AddModelError("Input.NewPassword", "请填写新密码");
        if (!ModelState.IsValid) return Page();
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword", IdentityMessages.Translate(e));
            return Page();
        }
        db.AddAudit(AuditAction.Operation, nameof(AppUser), user.Id, user.DivisionCode, "修改密码");
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "密码已修改";
        return RedirectToPage();
    }
}
