using CivilAffairs.Web.Areas.Verification.Api;
using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Security;

namespace CivilAffairs.Web.Areas.Verification;

/// <summary>Household economic status verification (收入核对): partner-department feeds, verification, anomalies.</summary>
public static class VerificationModule
{
    /// <summary>District staff who receive and accept partner-department data.</summary>
    public const string FeedManagers = "verification-feeds";
    /// <summary>Staff who record authorisations and request verifications for households in their division.</summary>
    public const string Verifiers = "verification-requests";

    public static IServiceCollection AddVerification(this IServiceCollection services)
    {
        services.AddSingleton<VerificationStorage>();
        services.AddSingleton<ActiveFeeds>();
        services.AddScoped<ImportFeed.Handler>();
        services.AddScoped<ManageSnapshots>();
        services.AddScoped<IJobHandler, FeedImportJob>();
        services.AddSingleton<RuleBookProvider>();
        services.AddScoped<VerifyHousehold>();
        services.AddScoped<RecordAuthorization>();
        services.AddScoped<PublicReportLookup>();
        services.AddScoped<BatchVerification>();
        services.AddSingleton<ReportPdf>();
        services.AddScoped<IJobHandler, BatchVerificationJob>();
        services.AddScoped<Contracts.IVerificationReports, VerificationReportsContract>();
        services.AddAuthorizationBuilder()
            .AddPolicy(FeedManagers, p => p.RequireRole(Roles.Admin, Roles.DistrictStaff))
            .AddPolicy(Verifiers, p => p.RequireRole(Roles.Admin, Roles.DistrictStaff, Roles.StreetReviewer, Roles.CommunityCaseworker));
        return services;
    }

    public static void MapVerification(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapVerificationApi();
        app.MapPublicVerification();
    }
}
