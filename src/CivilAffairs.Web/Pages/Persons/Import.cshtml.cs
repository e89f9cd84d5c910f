using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Persons;

[Authorize(Policy = Policies.RegistryEdit)]
[RequestSizeLimit(RegistryExports.MaxUploadBytes + 1024 * 1024)]
public sealed class ImportModel(JobQueue jobs) : AppPageModel
{
    public void OnGet() { }

    public IActionResult OnGetTemplate() => File(ImportRegistry.Template(), ExcelFile.ContentType, "居民与家庭导入模板.xlsx");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        BackgroundJob? job = null;
        if (await TryAsync(async () => job = await RegistryExports.EnqueueImportAsync(jobs, file, ct), prefix: ""))
        {
            TempData["Message"] = "文件已上传，正在后台检查。";
            return RedirectToPage("/Jobs/Index", new { highlight = job!.Id });
        }
        return Page();
    }
}
