using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Persons;

[Authorize(Policy = Policies.RegistryEdit)]
public sealed class EditModel(GetPerson.Handler get, UpdatePerson.Handler update, DivisionDirectory divisions) : AppPageModel
{
    [BindProperty] public UpdatePerson.Command Input { get; set; } = new();
    public PersonDetail Person { get; private set; } = null!;
    public IReadOnlyList<AdministrativeDivision> Communities { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        Person = await get.HandleAsync(id, ct);
        // The form shows the masked phone; posting it back unchanged keeps the stored number (no full number is shown).
        Input = new UpdatePerson.Command
        {
            Name = Person.Name, Ethnicity = Person.Ethnicity, Phone = Person.PhoneMasked, RegisteredAddress = Person.RegisteredAddress,
            DivisionCode = Person.DivisionCode, Status = Person.Status, DeceasedOn = Person.DeceasedOn,
            DisabilityCategory = Person.DisabilityCategory, DisabilityGrade = Person.DisabilityGrade, Notes = Person.Notes, Version = Person.Version,
        };
        Communities = await CommunitiesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await TryAsync(() => update.HandleAsync(id, Input, ct)))
        {
            TempData["Message"] = "已保存";
            return RedirectToPage("Details", new { id });
        }
        Person = await get.HandleAsync(id, ct);
        Communities = await CommunitiesAsync(ct);
        return Page();
    }

    private async Task<IReadOnlyList<AdministrativeDivision>> CommunitiesAsync(CancellationToken ct)
    {
        var list = (await divisions.CommunitiesInScopeAsync(ct)).ToList();
        if (list.All(c => c.Code != Person.DivisionCode) && (await divisions.AllAsync(ct)).TryGetValue(Person.DivisionCode, out var current))
            list.Insert(0, current);
        return list;
    }
}
