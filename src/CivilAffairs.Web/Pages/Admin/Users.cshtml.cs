using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Admin;

public sealed class UsersModel(ListUsers.Handler list, CreateUser.Handler create, ManageUser manage, DivisionDirectory divisions) : AppPageModel
{
    [BindProperty] public CreateUser.Command Input { get; set; } = new();
    public List<UserSummary> Users { get; private set; } = [];
    public List<AdministrativeDivision> Divisions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await TryAsync(() => create.HandleAsync(Input, ct)))
        {
            TempData["Message"] = $"已创建账号 {Input.UserName}";
            return RedirectToPage();
        }
        Input.Password = null;
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostChangeAsync(string id, ManageUser.ChangeCommand change, CancellationToken ct) =>
        ManageAsync(() => manage.ChangeAsync(id, change, ct), "已保存账号设置", ct);

    public Task<IActionResult> OnPostPasswordAsync(string id, string? password, CancellationToken ct) =>
        ManageAsync(() => manage.ResetPasswordAsync(id, password, ct), "已重置密码", ct);

    public Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken ct) =>
        ManageAsync(() => manage.ResetTwoFactorAsync(id, ct), "已重置两步验证", ct);

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) =>
        ManageAsync(() => manage.SetEnabledAsync(id, false, ct), "已停用账号", ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) =>
        ManageAsync(() => manage.SetEnabledAsync(id, true, ct), "已启用账号", ct);

    private async Task<IActionResult> ManageAsync(Func<Task> action, string message, CancellationToken ct)
    {
        if (await TryAsync(action, prefix: ""))
        {
            TempData["Message"] = message;
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(ExcelFile.Write(await list.HandleAsync(ct), ("登录名", u => u.UserName), ("姓名", u => u.DisplayName), ("角色", u => u.RoleName),
            ("区划代码", u => u.DivisionCode), ("所属区划", u => u.DivisionName), ("两步验证", u => u.TwoFactorEnabled ? "已启用" : "未启用"),
            ("状态", u => u.StateName)), ExcelFile.ContentType, "账号列表.xlsx");

    private async Task LoadAsync(CancellationToken ct)
    {
        Users = await list.HandleAsync(ct);
        Divisions = (await divisions.AllAsync(ct)).Values.Where(d => d.IsActive).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
    }
}
