using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages;

/// <summary>The public notice board (公示) of the portal: no sign-in, masked names and ID numbers only.</summary>
[AllowAnonymous]
public sealed class NoticesModel(PublicNotices notices) : AppPageModel
{
    public IReadOnlyList<PublicNoticeItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await notices.CurrentAsync(ct);
}
