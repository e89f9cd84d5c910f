using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Households;

public sealed class IndexModel(SearchHouseholds.Handler search, DivisionDirectory divisions, CurrentUser me) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public SearchHouseholds.Query Query { get; set; } = new();
    public PagedResult<HouseholdSummary> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<AdministrativeDivision> Communities { get; private set; } = [];
    public bool CanEdit => me.MayEditRegistry;

    public string PageLink(int page) => "/Households" + QueryWith(("page", page));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await search.HandleAsync(Query, ct);
        Communities = await divisions.CommunitiesInScopeAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(RegistryExports.Households(await search.AllAsync(Query, 100_000, ct)), ExcelFile.ContentType, "家庭列表.xlsx");
}
