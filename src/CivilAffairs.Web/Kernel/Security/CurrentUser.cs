using System.Security.Claims;
using CivilAffairs.Web.Kernel.Divisions;

namespace CivilAffairs.Web.Kernel.Security;

public static class AppClaims
{
    public const string Division = "ca:division";
    public const string DisplayName = "ca:display-name";
}

/// <summary>
/// Who is acting in this scope: the signed-in user of the request, or — for start-up seeding and jobs —
/// an identity set explicitly. Anonymous requests see nothing scoped.
/// </summary>
public sealed class CurrentUser
{
    private readonly IHttpContextAccessor? _http;
    private Snapshot? _explicit;

    public CurrentUser(IHttpContextAccessor? http = null) => _http = http;

    private sealed record Snapshot(string? UserId, string UserName, string? DivisionCode, IReadOnlySet<string> Roles, bool IsSystem);

    private Snapshot Current => _explicit ?? FromPrincipal(_http?.HttpContext?.User);

    private static Snapshot FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
            return new Snapshot(null, "anonymous", null, new HashSet<string>(), false);
        return new Snapshot(
            principal.FindFirstValue(ClaimTypes.NameIdentifier),
            principal.Identity.Name ?? "",
            principal.FindFirstValue(AppClaims.Division),
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
            false);
    }

    /// <summary>Acts as the whole system (no division restriction): start-up seeding, migrations.</summary>
    public void ActAsSystem(string name = "system") =>
        _explicit = new Snapshot(null, name, null, new HashSet<string>(), true);

    /// <summary>Acts as a given user (background jobs run with the scope of whoever started them).</summary>
    public void ActAs(string? userId, string userName, string divisionCode, IEnumerable<string> roles) =>
        _explicit = new Snapshot(userId, userName, divisionCode, roles.ToHashSet(), false);

    public bool IsAuthenticated => Current.IsSystem || Current.UserId is not null;
    public bool IsSystem => Current.IsSystem;
    public string? UserId => Current.UserId;
    public string UserName => Current.UserName;
    public string? DivisionCode => Current.DivisionCode;
    public IReadOnlySet<string> Roles => Current.Roles;
    public bool IsInRole(string role) => Current.Roles.Contains(role);
    public bool MayRevealPersonalData => Current.IsSystem || global::CivilAffairs.Web.Kernel.Security.Roles.MayRevealPersonalData.Any(IsInRole);
    public bool MayEditRegistry => IsInRole(global::CivilAffairs.Web.Kernel.Security.Roles.Admin)
        || IsInRole(global::CivilAffairs.Web.Kernel.Security.Roles.DistrictStaff)
        || IsInRole(global::CivilAffairs.Web.Kernel.Security.Roles.StreetReviewer)
        || IsInRole(global::CivilAffairs.Web.Kernel.Security.Roles.CommunityCaseworker);
}

/// <summary>
/// The one place data scoping is decided. Scoped entities are filtered by a global query filter on
/// <see cref="Prefix"/>; single records and target divisions are checked with <see cref="Contains"/>.
/// </summary>
public sealed class DivisionScope(CurrentUser user)
{
    /// <summary>Matches no 12-digit code: anonymous callers see no scoped data.</summary>
    public const string Nothing = "-";

    public string Prefix =>
        user.IsSystem ? "" :
        user.DivisionCode is { } code && Divisions.DivisionCode.IsWellFormed(code) ? Divisions.DivisionCode.ScopePrefix(code) :
        Nothing;

    public bool Contains(string? divisionCode) =>
        divisionCode is not null && Divisions.DivisionCode.IsWellFormed(divisionCode) && divisionCode.StartsWith(Prefix, StringComparison.Ordinal) && Prefix != Nothing;
}
