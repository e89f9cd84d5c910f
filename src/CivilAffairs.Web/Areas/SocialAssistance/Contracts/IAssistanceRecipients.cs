namespace CivilAffairs.Web.Areas.SocialAssistance.Contracts;

/// <summary>The social-assistance module's contract for other modules: who is a recipient now.</summary>
public interface IAssistanceRecipients
{
    /// <summary>Households with a case in force (active, suspended or in gradual exit) inside the division and the caller's scope.</summary>
    Task<IReadOnlySet<int>> HouseholdsInForceAsync(string divisionCode, CancellationToken ct = default);
}
