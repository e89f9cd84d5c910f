using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Households;

public sealed class DetailsModel(GetHousehold.Handler get, AddHouseholdMember.Handler add, CurrentUser me) : AppPageModel
{
    public HouseholdDetail Household { get; private set; } = null!;
    public MemberInput? NewMember { get; private set; }
    public bool CanEdit => me.MayEditRegistry;

    /// <summary>Bound as Input.Members[0] so the shared member row's field names and error keys line up.</summary>
    [BindProperty] public AddInput Input { get; set; } = new();

    public sealed class AddInput
    {
        public List<MemberInput> Members { get; set; } = [];
    }

    public async Task OnGetAsync(int id, CancellationToken ct) => Household = await get.HandleAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        NewMember = Input.Members.FirstOrDefault() ?? new MemberInput();
        if (await TryAsync(() => add.HandleAsync(id, NewMember, ct)))
        {
            TempData["Message"] = "已添加成员";
            return RedirectToPage(new { id });
        }
        Household = await get.HandleAsync(id, ct);
        return Page();
    }
}
