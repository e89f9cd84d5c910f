using System.Net;
using System.Net.Http.Json;
using System.Text;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Integration;

/// <summary>Batch verification of a division as a background job, the anomaly list with evidence, decisions, export.</summary>
public abstract partial class BatchVerificationTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;


    private static string Wages(string id, decimal yuan) => "id_number,month,income_type,amount\n" + string.Concat(Enumerable.Range(1, 12).Select(i =>
        $"{id},{DateTime.Today.AddDays(1 - DateTime.Today.Day).AddMonths(-i):yyyy-MM},wage,{yuan:0.00}\n"));

    [SkippableFact]
    public async Task A_batch_lists_anomalies_with_evidence_and_compares_income_with_the_previous_batch()
    {
        var street = await App.ApiAsAsync("street.huahu");
        var household = await RegistryApiTests.CreateHouseholdAsync(street, 1, TestData.Tianfang);
        var householdId = household.GetProperty("id").GetInt32();
        var id = await App.QueryAsync(db => db.Persons.Where(p => p.HouseholdId == householdId).Select(p => p.IdNumber).FirstAsync());
        var staff = await App.ApiAsAsync("district.staff");
        await App.AcceptFeedAsync(staff, "HouseholdRegistration", $"id_number,name,status,event_date\n{id},户主甲,normal,\n");
        var plate = $"鄂B{Random.Shared.Next(10000, 99999)}";
        await App.AcceptFeedAsync(staff, "Vehicles", $"id_number,plate,vehicle_type,purchase_price,disability_vehicle,registered_on\n{id},{plate},小型轿车,60000.00,N,2022-05-01\n");
        await App.AcceptFeedAsync(staff, "Tax", Wages(id, 600));

        // Out of scope: refused; a second start for the same set while one is queued: refused.
        var damatou = await App.ApiAsAsync("cw.damatou");
        await (await damatou.PostAsJsonAsync("/api/v1/verification/batches", new { divisionCode = TestData.Tianfang })).ProblemAsync("DivisionCode", "管辖范围");
        var first = await (await street.PostAsJsonAsync("/api/v1/verification/batches", new { divisionCode = TestData.Tianfang })).JsonAsync(HttpStatusCode.Accepted);
        await (await street.PostAsJsonAsync("/api/v1/verification/batches", new { divisionCode = TestData.Tianfang })).ProblemAsync("DivisionCode", "正在进行");
        await App.RunJobsAsync();
        var done = await (await street.GetAsync($"/api/v1/verification/batches/{first.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.True(done.GetProperty("households").GetInt32() >= 1);

        var list = await (await street.GetAsync($"/api/v1/verification/batches/{first.GetProperty("id").GetInt32()}/anomalies?kind=Vehicle&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        var vehicle = list.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("householdId").GetInt32() == householdId);
        // the evidence names the vehicle and whose it is (masked)
        var evidence = vehicle.GetProperty("evidence").GetString()!;
        Assert.Contains("机动车 1 辆", evidence);
        Assert.Contains($"{id[..6]}********{id[^4..]} 机动车 {plate} 小型轿车（购置价 60,000.00 元，2022-05-01 登记）", evidence);
        Assert.DoesNotContain(id, evidence);
        Assert.Equal("Open", vehicle.GetProperty("status").GetString());

        // Decide: a note is required; a stale version loses; the decision is audited.
        var anomalyId = vehicle.GetProperty("id").GetInt64();
        var version = vehicle.GetProperty("version").GetInt32();
        await (await street.PostAsJsonAsync($"/api/v1/verification/anomalies/{anomalyId}/decision", new { status = "Explained", version })).ProblemAsync("Note", "核实说明");
        // another community neither decides it nor exports the list
        var elsewhere = await App.ApiAsAsync("cw.yaguang");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostAsJsonAsync($"/api/v1/verification/anomalies/{anomalyId}/decision", new { status = "Confirmed", note = "越权", version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/verification/batches/{first.GetProperty("id").GetInt32()}/anomalies/export")).StatusCode);
        var decided = await (await street.PostAsJsonAsync($"/api/v1/verification/anomalies/{anomalyId}/decision", new { status = "Explained", note = "车辆已于上月过户", version })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Explained", decided.GetProperty("status").GetString());
        await (await street.PostAsJsonAsync($"/api/v1/verification/anomalies/{anomalyId}/decision", new { status = "Confirmed", note = "迟到的第二人", version })).JsonAsync(HttpStatusCode.Conflict);
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "VerificationAnomaly" && a.EntityId == anomalyId.ToString() && a.Changes!.Contains("车辆已于上月过户"))));
        Assert.Equal(HttpStatusCode.NotFound, (await damatou.GetAsync($"/api/v1/verification/batches/{first.GetProperty("id").GetInt32()}")).StatusCode);

        var export = await street.GetAsync($"/api/v1/verification/batches/{first.GetProperty("id").GetInt32()}/anomalies/export?kind=Vehicle");
        Assert.Equal(Kernel.ExcelContentType, export.Content.Headers.ContentType?.MediaType);

        // The pages: the batch list and the anomaly list with its filter.
        var browser = App.CreateClient(new() { AllowAutoRedirect = false });
        await browser.SignInPageAsync("street.huahu", AppFactory.DemoPassword);
        var batchPage = await browser.GetAsync($"/Verification/Batches/{first.GetProperty("id").GetInt32()}?kind=Vehicle");
        var batchHtml = await batchPage.Content.ReadAsStringAsync();
        Assert.True(batchPage.StatusCode == HttpStatusCode.OK, batchHtml[..Math.Min(3000, batchHtml.Length)]);
        Assert.Contains("车辆已于上月过户", batchHtml);
        var listPage = await browser.GetAsync("/Verification/Batches");
        var listHtml = await listPage.Content.ReadAsStringAsync();
        Assert.True(listPage.StatusCode == HttpStatusCode.OK && listHtml.Contains("id=\"batches\""), listHtml[..Math.Min(2000, listHtml.Length)]);
        var caseworkerPage = App.CreateClient(new() { AllowAutoRedirect = false });
        await caseworkerPage.SignInPageAsync("cw.damatou", AppFactory.DemoPassword);
        var cwHtml = await (await caseworkerPage.GetAsync("/Verification/Batches")).Content.ReadAsStringAsync();
        Assert.True(cwHtml.Contains("id=\"batches\""), cwHtml[..Math.Min(2000, cwHtml.Length)]);

        // A batch over the whole street: the community's caseworker sees it, with only their community's findings.
        var streetBatch = await (await street.PostAsJsonAsync("/api/v1/verification/batches", new { divisionCode = "420202070000" })).JsonAsync(HttpStatusCode.Accepted);
        await App.RunJobsAsync();
        var tianfang = await App.ApiAsAsync("cw.tianfang");
        var theirs = await (await tianfang.GetAsync($"/api/v1/verification/batches/{streetBatch.GetProperty("id").GetInt32()}/anomalies?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(theirs.GetProperty("items").EnumerateArray(), a => a.GetProperty("householdId").GetInt32() == householdId);
        Assert.All(theirs.GetProperty("items").EnumerateArray(), a => Assert.Equal(TestData.Tianfang, a.GetProperty("divisionCode").GetString()));
        var yaguang = await App.ApiAsAsync("cw.yaguang");
        Assert.Equal(HttpStatusCode.NotFound, (await yaguang.GetAsync($"/api/v1/verification/batches/{streetBatch.GetProperty("id").GetInt32()}")).StatusCode);

        // Income triples: the next batch flags the sudden change against the first one.
        await App.AcceptFeedAsync(staff, "Tax", Wages(id, 1800));
        var second = await (await street.PostAsJsonAsync("/api/v1/verification/batches", new { divisionCode = TestData.Tianfang })).JsonAsync(HttpStatusCode.Accepted);
        await App.RunJobsAsync();
        var changes = await (await street.GetAsync($"/api/v1/verification/batches/{second.GetProperty("id").GetInt32()}/anomalies?kind=SuddenIncomeChange&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        var change = changes.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("householdId").GetInt32() == householdId);
        Assert.Contains("600.00 元", change.GetProperty("evidence").GetString());
        Assert.Contains("1,800.00 元", change.GetProperty("evidence").GetString());
    }
}

internal static class Kernel
{
    public const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

public abstract partial class BatchVerificationTests
{
    [SkippableFact]
    public async Task A_batch_whose_job_was_cancelled_before_it_ran_no_longer_blocks_its_division()
    {
        var caseworker = await App.ApiAsAsync("cw.yaguang");
        var batch = await (await caseworker.PostAsJsonAsync("/api/v1/verification/batches", new { divisionCode = TestData.Yaguang })).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.Accepted, (await caseworker.PostAsync($"/api/v1/jobs/{batch.GetProperty("jobId").GetGuid()}/cancel", null)).StatusCode);
        await App.RunJobsAsync(); // the runner sees the request before starting and cancels the job
        var list = await (await caseworker.GetAsync("/api/v1/verification/batches")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Cancelled", list.EnumerateArray().Single(b => b.GetProperty("id").GetInt32() == batch.GetProperty("id").GetInt32()).GetProperty("status").GetString());
        await (await caseworker.PostAsJsonAsync("/api/v1/verification/batches", new { divisionCode = TestData.Yaguang })).JsonAsync(HttpStatusCode.Accepted);
        await App.RunJobsAsync();
    }

    [SkippableFact]
    public async Task A_batch_can_cover_only_the_households_in_social_assistance()
    {
        var (_, householdId, _) = await App.EnrolAsync(1);
        var street = await App.ApiAsAsync("street.huahu");
        var batch = await (await street.PostAsJsonAsync("/api/v1/verification/batches", new { divisionCode = TestData.Damatou, recipientsOnly = true })).JsonAsync(HttpStatusCode.Accepted);
        Assert.Contains("在保低保、特困家庭", batch.GetProperty("scopeName").GetString());
        await App.RunJobsAsync();
        var done = await (await street.GetAsync($"/api/v1/verification/batches/{batch.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        var inForce = await App.QueryAsync(db => db.Set<CivilAffairs.Web.Areas.SocialAssistance.Domain.AssistanceCase>()
            .Where(c => c.DivisionCode == TestData.Damatou && c.Status != CivilAffairs.Web.Areas.SocialAssistance.Domain.CaseStatus.Terminated
                && (c.Programme == CivilAffairs.Web.Areas.SocialAssistance.Domain.Programme.Dibao || c.Programme == CivilAffairs.Web.Areas.SocialAssistance.Domain.Programme.Destitute))
            .Select(c => c.HouseholdId).Distinct().ToListAsync());
        var existing = await App.QueryAsync(db => db.Households.CountAsync(h => inForce.Contains(h.Id)));
        var all = await App.QueryAsync(db => db.Households.CountAsync(h => h.DivisionCode == TestData.Damatou));
        Assert.Contains(householdId, inForce);
        Assert.Equal(existing, done.GetProperty("households").GetInt32());
        Assert.True(existing < all, $"{existing} of {all}");
    }
}

[Collection("sqlite")]
public sealed class SqliteBatchVerificationTests(SqliteAppFixture f) : BatchVerificationTests(f);

[Collection("postgres")]
public sealed class PostgresBatchVerificationTests(PostgresAppFixture f) : BatchVerificationTests(f);
