using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Pages;

/// <summary>The home page; a hospital's account (which has no other page) goes straight to its settlement page.</summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class IndexModel(AppDbContext db, DivisionDirectory divisions, CurrentUser me, WorkingDayService calendar, TimeProvider clock) : AppPageModel
{
    public string ScopeName { get; private set; } = "";
    public int PersonCount { get; private set; }
    public int HouseholdCount { get; private set; }
    public int CommunityCount { get; private set; }
    public bool CalendarKnown { get; private set; }
    public int Year { get; private set; }

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync()
    {
        if (me.IsInRole(Roles.MedicalInstitution)) return Redirect("/SocialAssistance/Medical");
        ScopeName = await divisions.NameOfAsync(me.DivisionCode);
        PersonCount = await db.Persons.CountAsync();
        HouseholdCount = await db.Households.CountAsync();
        CommunityCount = (await divisions.CommunitiesInScopeAsync()).Count;
        Year = clock.GetLocalNow().Year;
        CalendarKnown = (await calendar.CalendarAsync()).HasArrangementFor(Year);
        return Page();
    }
}
