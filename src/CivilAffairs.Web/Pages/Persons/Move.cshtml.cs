using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Persons;

[Authorize(Policy = Policies.RegistryEdit)]
public sealed class MoveModel(GetPerson.Handler get, MovePersonToHousehold.Handler move) : AppPageModel
{
    [BindProperty] public MovePersonToHousehold.Command Input { get; set; } = new();
    public PersonDetail Person { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken ct) => Person = await get.HandleAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await TryAsync(() => move.HandleAsync(id, Input, ct)))
        {
            TempData["Message"] = "已完成户间迁移";
            return RedirectToPage("Details", new { id });
        }
        Person = await get.HandleAsync(id, ct);
        return Page();
    }
}
