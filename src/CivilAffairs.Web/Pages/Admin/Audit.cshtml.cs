using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Excel;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Admin;

public sealed class AuditModel(SearchAudit.Handler search) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public SearchAudit.Query Query { get; set; } = new();
    public PagedResult<AuditLine> Result { get; private set; } = new([], 0, 1, 20);

    public string PageLink(int page) => "/Admin/Audit" + QueryWith(("page", page));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Query.PageSize ??= 50;
        Result = await search.HandleAsync(Query, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(AuditExport.Write(await search.AllAsync(Query, 100_000, ct)), ExcelFile.ContentType, "审计记录.xlsx");
}
