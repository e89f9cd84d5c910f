using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Pages.Persons;

[Authorize(Policy = Policies.RegistryEdit)]
public sealed class CreateModel(CreatePerson.Handler create, DivisionDirectory divisions, AppDbContext db, TimeProvider clock) : AppPageModel
{
    [BindProperty] public NewPersonInput Input { get; set; } = new();
    public IReadOnlyList<AdministrativeDivision> Communities { get; private set; } = [];
    /// <summary>Set when the ID number is already registered and the record is visible to the user.</summary>
    public int? ExistingPersonId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Communities = await divisions.CommunitiesInScopeAsync(ct);
        if (Communities.Count == 1) Input.DivisionCode = Communities[0].Code;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Person? person = null;
        if (await TryAsync(async () => person = await create.HandleAsync(Input, ct)))
        {
            TempData["Message"] = $"已登记居民 {person!.Name}";
            return RedirectToPage("Details", new { id = person.Id });
        }
        Communities = await divisions.CommunitiesInScopeAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (CitizenId.TryParse(Input.IdNumber, today, out var id, out _))
            ExistingPersonId = await db.Persons.Where(p => p.IdNumber == id.Value).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        return Page();
    }
}
