using System.Security.Claims;
using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Api;

public sealed record TokenRequest(string? UserName, string? Password, string? TwoFactorCode);

public sealed record JobView(Guid Id, string Kind, string Title, string Status, int Percent, int Processed, int Total, string CreatedBy,
    DateTime CreatedAt, DateTime? FinishedAt, string? Summary, string? Error, bool HasResultFile);

/// <summary>/api/v1 endpoints of the kernel: auth, divisions, persons, households, admin, audit, calendar, jobs.</summary>
public static class KernelEndpoints
{
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app) => app.MapApiV1("", Policies.Staff);

    /// <summary>
    /// A part of /api/v1 with its own policy (e.g. the settlement API, which hospitals' accounts may call), with the
    /// same token check and problem details as the rest.
    /// </summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app, string prefix, string policy)
    {
        var api = app.MapGroup("/api/v1" + prefix)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme, Policy = policy })
            .DisableAntiforgery()
            .AddEndpointFilter(Web.ApiProblems.Filter)
            .AddEndpointFilter(RejectRevokedTokensAsync);
        return api;
    }

    public static IEndpointRouteBuilder MapKernelApi(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapPost("/api/v1/auth/token", IssueTokenAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting("sign-in")
            .WithTags("auth").WithSummary("用户名 + 密码（管理员须两步验证码时加 twoFactorCode）换取 Bearer 令牌");

        api.MapGet("/divisions", async (DivisionDirectory dirs, bool? includeRetired) =>
                (await dirs.AllAsync()).Values.Where(d => includeRetired == true || d.IsActive).OrderBy(d => d.Code, StringComparer.Ordinal).Select(ManageDivisions.View))
            .WithTags("divisions");

        var persons = api.MapGroup("/persons").WithTags("persons");
        persons.MapGet("", (SearchPersons.Handler h, [AsParameters] SearchPersons.Query q, CancellationToken ct) => h.HandleAsync(q, ct));
        persons.MapPost("", async Task<Created<PersonDetail>> (CreatePerson.Handler h, GetPerson.Handler get, NewPersonInput input, CancellationToken ct) =>
        {
            var p = await h.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/persons/{p.Id}", await get.HandleAsync(p.Id, ct));
        }).RequireAuthorization(Policies.RegistryEdit);
        persons.MapGet("/{id:int}", (GetPerson.Handler h, int id, CancellationToken ct) => h.HandleAsync(id, ct));
        persons.MapPut("/{id:int}", async (UpdatePerson.Handler h, GetPerson.Handler get, int id, UpdatePerson.Command cmd, CancellationToken ct) =>
        {
            await h.HandleAsync(id, cmd, ct);
            return await get.HandleAsync(id, ct);
        }).RequireAuthorization(Policies.RegistryEdit);
        persons.MapGet("/{id:int}/personal-data", (RevealPersonalData.Handler h, int id, CancellationToken ct) => h.HandleAsync(id, ct))
            .WithSummary("完整身份证号码与电话（仅限有权角色，每次查看均记入审计）");
        persons.MapPost("/{id:int}/move", async (MovePersonToHousehold.Handler h, GetPerson.Handler get, int id, MovePersonToHousehold.Command cmd, CancellationToken ct) =>
        {
            await h.HandleAsync(id, cmd, ct);
            return await get.HandleAsync(id, ct);
        }).RequireAuthorization(Policies.RegistryEdit).WithSummary("户间迁移（一次审计操作）");
        persons.MapGet("/export", async (SearchPersons.Handler h, [AsParameters] SearchPersons.Query q, CancellationToken ct) =>
            Results.File(RegistryExports.Persons(await h.AllAsync(q, 100_000, ct)), ExcelFile.ContentType, "居民列表.xlsx"));
        persons.MapGet("/import/template", () => Results.File(ImportRegistry.Template(), ExcelFile.ContentType, "居民与家庭导入模板.xlsx"));
        persons.MapPost("/import", async (JobQueue jobs, IFormFile file, CancellationToken ct) =>
        {
            var job = await RegistryExports.EnqueueImportAsync(jobs, file, ct);
            return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", ToView(job));
        }).RequireAuthorization(Policies.RegistryEdit).WithSummary("上传 .xlsx 导入居民和家庭（后台任务，全部或全不）");

        var households = api.MapGroup("/households").WithTags("households");
        households.MapGet("", (SearchHouseholds.Handler h, [AsParameters] SearchHouseholds.Query q, CancellationToken ct) => h.HandleAsync(q, ct));
        households.MapPost("", async Task<Created<HouseholdDetail>> (CreateHousehold.Handler h, GetHousehold.Handler get, CreateHousehold.Command cmd, CancellationToken ct) =>
        {
            var household = await h.HandleAsync(cmd, ct);
            return TypedResults.Created($"/api/v1/households/{household.Id}", await get.HandleAsync(household.Id, ct));
        }).RequireAuthorization(Policies.RegistryEdit);
        households.MapGet("/{id:int}", (GetHousehold.Handler h, int id, CancellationToken ct) => h.HandleAsync(id, ct));
        households.MapPost("/{id:int}/members", async (AddHouseholdMember.Handler h, GetHousehold.Handler get, int id, MemberInput input, CancellationToken ct) =>
        {
            await h.HandleAsync(id, input, ct);
            return await get.HandleAsync(id, ct);
        }).RequireAuthorization(Policies.RegistryEdit);
        households.MapPost("/{id:int}/head", async (ChangeHouseholdHead.Handler h, GetHousehold.Handler get, int id, ChangeHouseholdHead.Command cmd, CancellationToken ct) =>
        {
            await h.HandleAsync(id, cmd, ct);
            return await get.HandleAsync(id, ct);
        }).RequireAuthorization(Policies.RegistryEdit).WithSummary("变更户主（原户主改为与新户主的关系；需 version）");
        households.MapPost("/{id:int}/members/{personId:int}/leave", async (RemoveHouseholdMember.Handler h, int id, int personId, RemoveHouseholdMember.Command cmd, CancellationToken ct) =>
        {
            await h.HandleAsync(id, personId, cmd, ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.RegistryEdit).WithSummary("成员迁出本户（户主仅在最后一人时可迁出，该户随之注销）");
        households.MapGet("/export", async (SearchHouseholds.Handler h, [AsParameters] SearchHouseholds.Query q, CancellationToken ct) =>
            Results.File(RegistryExports.Households(await h.AllAsync(q, 100_000, ct)), ExcelFile.ContentType, "家庭列表.xlsx"));

        var admin = api.MapGroup("/admin").WithTags("admin").RequireAuthorization(Policies.AdminOnly);
        admin.MapPost("/users", async Task<Created<UserSummary>> (CreateUser.Handler h, ListUsers.Handler list, CreateUser.Command cmd, CancellationToken ct) =>
        {
            var u = await h.HandleAsync(cmd, ct);
            return TypedResults.Created($"/api/v1/admin/users/{u.Id}", (await list.HandleAsync(ct)).First(x => x.Id == u.Id));
        });
        admin.MapGet("/users", (ListUsers.Handler h, CancellationToken ct) => h.HandleAsync(ct));
        admin.MapPut("/users/{id}", async (ManageUser m, ListUsers.Handler list, string id, ManageUser.ChangeCommand cmd, CancellationToken ct) =>
        {
            await m.ChangeAsync(id, cmd, ct);
            return (await list.HandleAsync(ct)).First(x => x.Id == id);
        }).WithSummary("修改账号的姓名、角色和所属区划（该账号的登录会话全部失效）");
        admin.MapPost("/users/{id}/password", async (ManageUser m, string id, PasswordInput input, CancellationToken ct) =>
        {
            await m.ResetPasswordAsync(id, input.Password, ct);
            return Results.NoContent();
        });
        admin.MapPost("/users/{id}/two-factor/reset", async (ManageUser m, string id, CancellationToken ct) =>
        {
            await m.ResetTwoFactorAsync(id, ct);
            return Results.NoContent();
        }).WithSummary("重置账号的两步验证（手机丢失时）；该账号须重新设置");
        admin.MapPost("/users/{id}/disable", async (ManageUser m, string id, CancellationToken ct) =>
        {
            await m.SetEnabledAsync(id, false, ct);
            return Results.NoContent();
        });
        admin.MapPost("/users/{id}/enable", async (ManageUser m, string id, CancellationToken ct) =>
        {
            await m.SetEnabledAsync(id, true, ct);
            return Results.NoContent();
        }).WithSummary("启用账号或解除锁定");
        admin.MapPost("/divisions", async (ManageDivisions m, DivisionInput input, CancellationToken ct) =>
            TypedResults.Created($"/api/v1/divisions", ManageDivisions.View(await m.AddAsync(input.Code, input.Name, input.CodeConfirmed, input.Note, ct))));
        admin.MapPut("/divisions/{code}", async (ManageDivisions m, string code, DivisionInput input, CancellationToken ct) =>
            ManageDivisions.View(await m.RenameAsync(code, input.Name, input.CodeConfirmed, input.Note, input.Version, ct)));
        admin.MapPost("/divisions/{code}/code", async (ManageDivisions m, string code, CodeInput input, CancellationToken ct) =>
            new { movedPersons = await m.ChangeCodeAsync(code, input.NewCode, ct) })
            .WithSummary("更正街道或社区的区划代码；居民、家庭、账号和下属社区一并更新（审计）");
        admin.MapPost("/divisions/{code}/retire", async (ManageDivisions m, string code, RetireInput input, CancellationToken ct) =>
            new { movedPersons = await m.RetireAsync(code, input.SuccessorCode, ct) })
            .WithSummary("撤销区划；社区撤销时其居民和家庭一次性迁入承接社区（审计）");
        admin.MapPut("/calendar/{date}", async (WorkingDayService s, DateOnly date, CalendarDayInput input, CancellationToken ct) =>
        {
            await s.SetDayAsync(date, input.Kind, input.Name, ct);
            return Results.NoContent();
        }).WithSummary("设置节假日或调休上班日（kind 为空表示删除该日的设置）");

        api.MapGet("/audit", (SearchAudit.Handler h, [AsParameters] SearchAudit.Query q, CancellationToken ct) => h.HandleAsync(q, ct))
            .RequireAuthorization(Policies.AdminOnly).WithTags("audit");
        api.MapGet("/audit/export", async (SearchAudit.Handler h, [AsParameters] SearchAudit.Query q, CancellationToken ct) =>
            Results.File(AuditExport.Write(await h.AllAsync(q, 100_000, ct)), ExcelFile.ContentType, "审计记录.xlsx"))
            .RequireAuthorization(Policies.AdminOnly).WithTags("audit");

        api.MapGet("/calendar/working-days", async (WorkingDayService s, DateOnly from, int days, CancellationToken ct) =>
        {
            if (days is < 0 or > 3650) throw new ValidationFailedException(new Dictionary<string, string[]> { ["days"] = ["工作日天数应在 0–3650 之间"] });
            var cal = await s.CalendarAsync(ct);
            var due = cal.AddWorkingDays(from, days);
            return new { from, days, due, arrangementKnown = cal.HasArrangementFor(from.Year) && cal.HasArrangementFor(due.Year) };
        }).WithTags("calendar").WithSummary("计算 D 日之后第 N 个工作日");

        var jobs = api.MapGroup("/jobs").WithTags("jobs");
        jobs.MapGet("", async (JobQueue q, CancellationToken ct) =>
            (await q.Visible().OrderByDescending(j => j.CreatedAt).Take(100).ToListAsync(ct)).Select(ToView));
        jobs.MapGet("/{id:guid}", async (JobQueue q, Guid id, CancellationToken ct) => ToView(await q.GetAsync(id, ct)));
        jobs.MapPost("/{id:guid}/cancel", async (JobQueue q, Guid id, CancellationToken ct) =>
        {
            await q.CancelAsync(id, ct);
            return Results.Accepted();
        });
        jobs.MapGet("/{id:guid}/result", async (JobQueue q, Guid id, CancellationToken ct) =>
        {
            var f = await q.OutputAsync(id, ct);
            return Results.File(f.Content, f.ContentType, f.FileName);
        });
        return app;
    }

    /// <summary>
    /// A bearer token stays valid for its lifetime; this makes a password reset, a role change or disabling the account
    /// revoke it at once, by checking the token's security stamp against the account (one indexed lookup).
    /// </summary>
    private static async ValueTask<object?> RejectRevokedTokensAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // an anonymous caller reached an endpoint that allows anonymous access (the authorisation middleware has
        // already refused everything else): there is no token to check
        if (http.User.Identity?.IsAuthenticated != true) return await next(context);
        var signIn = http.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.ValidateSecurityStampAsync(http.User);
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
            return TypedResults.Problem(detail: "令牌已失效（密码、角色或账号状态已变更），请重新获取", statusCode: 401, title: "身份验证失败");
        return await next(context);
    }

    public sealed record DivisionInput(string? Code, string? Name, bool CodeConfirmed, string? Note, int Version);
    public sealed record RetireInput(string? SuccessorCode);
    public sealed record PasswordInput(string? Password);
    public sealed record CodeInput(string? NewCode);
    public sealed record CalendarDayInput(CalendarDayKind? Kind, string? Name);

    public static JobView ToView(BackgroundJob j) => new(j.Id, j.Kind, j.Title, j.Status.ToString(), j.Percent, j.Processed, j.Total,
        j.CreatedByUserName, j.CreatedAt, j.FinishedAt, j.Summary, j.Error, false);

    private static async Task<IResult> IssueTokenAsync(TokenRequest request, SignInManager<AppUser> signIn, UserManager<AppUser> users,
        IConfiguration config, AppDbContext db)
    {
        var user = string.IsNullOrWhiteSpace(request.UserName) ? null : await users.FindByNameAsync(request.UserName.Trim());
        if (user is null || string.IsNullOrEmpty(request.Password))
            return Problem(401, "用户名或密码错误");
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
            return Problem(401, user.LockoutEnd is { Year: >= 9999 } ? "账号已停用，请联系系统管理员" : "账号已被锁定（连续 5 次密码错误），请 15 分钟后再试或联系管理员");
        if (!check.Succeeded) return Problem(401, "用户名或密码错误");

        var twoFactorRequired = user.TwoFactorEnabled || (KernelModule.AdminTwoFactorRequired(config) && await users.IsInRoleAsync(user, Roles.Admin));
        var claims = new List<Claim>();
        if (twoFactorRequired)
        {
            if (!user.TwoFactorEnabled) return Problem(401, "管理员须先在网页上启用两步验证后才能获取令牌");
            var code = request.TwoFactorCode?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (string.IsNullOrEmpty(code) || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.AccessFailedAsync(user);
                return Problem(401, "需要正确的两步验证码（twoFactorCode）");
            }
            claims.Add(new Claim("amr", "mfa"));
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaims(claims);
        db.AddAudit(AuditAction.Operation, nameof(AppUser), user.Id, user.DivisionCode, "通过 API 获取访问令牌", actor: (user.Id, user.UserName ?? ""));
        await db.SaveChangesAsync();
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static IResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: status == 401 ? "身份验证失败" : "请求被拒绝");
}
