using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Households;

[Authorize(Policy = Policies.RegistryEdit)]
public sealed class CreateModel(CreateHousehold.Handler create, DivisionDirectory divisions) : AppPageModel
{
    [BindProperty] public CreateHousehold.Command Input { get; set; } = new();
    public IReadOnlyList<AdministrativeDivision> Communities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Communities = await divisions.CommunitiesInScopeAsync(ct);
        if (Communities.Count == 1) Input.DivisionCode = Communities[0].Code;
        Input.Members = [new() { Relationship = nameof(Relationship.Head) }, new(), new()];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Rows left blank are ignored; the list is compacted so error keys match the rows shown again.
        Input.Members = Input.Members.Where(m => m.PersonId is not null || !IsBlank(m.Person)).ToList();
        Household? household = null;
        if (await TryAsync(async () => household = await create.HandleAsync(Input, ct)))
        {
            TempData["Message"] = $"已登记家庭，户编号 {household!.Id}";
            return RedirectToPage("Details", new { id = household.Id });
        }
        Communities = await divisions.CommunitiesInScopeAsync(ct);
        while (Input.Members.Count < 3) Input.Members.Add(new());
        return Page();
    }

    private static bool IsBlank(NewPersonInput? p) =>
        p is null || string.IsNullOrWhiteSpace(p.IdNumber) && string.IsNullOrWhiteSpace(p.Name) && string.IsNullOrWhiteSpace(p.Phone);
}
