using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Households;

public sealed class DetailsModel(GetHousehold.Handler get, AddHouseholdMember.Handler add, ChangeHouseholdHead.Handler changeHead,
    RemoveHouseholdMember.Handler remove, CurrentUser me) : AppPageModel
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

    public async Task<IActionResult> OnPostHeadAsync(int id, ChangeHouseholdHead.Command head, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (await TryAsync(() => changeHead.HandleAsync(id, head, ct), prefix: ""))
        {
            TempData["Message"] = "已变更户主";
            return RedirectToPage(new { id });
        }
        Household = await get.HandleAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLeaveAsync(int id, int personId, string? reason, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (await TryAsync(() => remove.HandleAsync(id, personId, new RemoveHouseholdMember.Command { Reason = reason }, ct), prefix: ""))
        {
            TempData["Message"] = "已迁出本户";
            try
            {
                await get.HandleAsync(id, ct);
                return RedirectToPage(new { id });
            }
            catch (CivilAffairs.Web.Kernel.Data.NotFoundException)
            {
                return RedirectToPage("Index"); // the household dissolved with its last member
            }
        }
        Household = await get.HandleAsync(id, ct);
        return Page();
    }

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
