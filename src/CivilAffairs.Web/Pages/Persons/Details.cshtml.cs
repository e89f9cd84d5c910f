using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Pages.Persons;

public sealed class DetailsModel(GetPerson.Handler get, RevealPersonalData.Handler reveal, CurrentUser me) : AppPageModel
{
    public PersonDetail Person { get; private set; } = null!;
    public bool CanEdit => me.MayEditRegistry;
    public bool CanReveal => me.MayRevealPersonalData;
    public bool IsAdmin => me.IsInRole(Roles.Admin);

    public async Task OnGetAsync(int id, CancellationToken ct) => Person = await get.HandleAsync(id, ct);

    /// <summary>htmx: replaces the masked number with the full ID and phone (audited).</summary>
    public async Task<IActionResult> OnPostRevealAsync(int id, CancellationToken ct)
    {
        var data = await reveal.HandleAsync(id, ct);
        var phone = string.IsNullOrEmpty(data.Phone) ? "" : $" · <span class=\"mono\" id=\"full-phone\">{System.Net.WebUtility.HtmlEncode(data.Phone)}</span>";
        return Content($"<span class=\"mono\" id=\"full-id\">{System.Net.WebUtility.HtmlEncode(data.IdNumber)}</span>{phone} <span class=\"text-muted small\">（已记录审计）</span>", "text/html; charset=utf-8");
    }
}
