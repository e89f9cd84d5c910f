using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivilAffairs.Tests.Support;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Integration;

/// <summary>Medical assistance settled with insurance, from a hospital's billing system, with the annual cap held under concurrency.</summary>
public abstract class MedicalAssistanceTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    private async Task<(string IdNumber, int PersonId)> EnrolledPersonAsync()
    {
        var (_, _, people) = await App.EnrolAsync(1);
        return (people[0].IdNumber, people[0].Id);
    }

    private static object Bill(string id, string billNo, long total, long inCatalogue, long basic, long critical = 0) => new
    {
        idNumber = id, visit = "Inpatient", billNumber = billNo, visitDate = DateTime.Today.ToString("yyyy-MM-dd"),
        totalFen = total, inCatalogueFen = inCatalogue, basicInsuranceFen = basic, criticalIllnessFen = critical, otherAidFen = 0L,
    };

    [SkippableFact]
    public async Task The_premium_list_pays_the_whole_premium_for_destitute_persons_and_leaves_out_cases_over_before_the_year()
    {
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var year = DateTime.Today.Year;
        var ids = new List<string>();
        // a destitute person, a dibao household whose gradual exit ended last December, a temporary grant and a hardship recognition
        foreach (var programme in new[] { Programme.Destitute, Programme.Dibao, Programme.Temporary, Programme.Hardship })
        {
            var household = await RegistryApiTests.CreateHouseholdAsync(caseworker, 1);
            var householdId = household.GetProperty("id").GetInt32();
            var person = await App.QueryAsync(db => db.Persons.FirstAsync(p => p.HouseholdId == householdId));
            ids.Add(person.IdNumber);
            await App.QueryAsync(async db =>
            {
                var start = programme == Programme.Dibao ? (year - 2) * 100 + 1 : year * 100 + 1;
                var c = new AssistanceCase(programme, AreaKind.Urban, householdId, TestData.Damatou, -householdId, programme == Programme.Hardship ? 0 : 100_000, start,
                    person.Name, null, "6222020000000555", DateOnly.FromDateTime(DateTime.Today).AddMonths(12), [new CaseMember(person.Id, person.IdNumber, person.Name)], DateTime.UtcNow);
                if (programme == Programme.Dibao) c.StartGradualExit("street", DateTime.UtcNow, (year - 1) * 100 + 7, 6, "就业增收"); // paid up to last December
                if (programme == Programme.Temporary) c.PayOnce("一次性");
                if (programme == Programme.Hardship) c.Recognised(12, "认定");
                db.Add(c);
                return await db.SaveChangesAsync();
            });
        }
        var staff = await App.ApiAsAsync("district.staff");
        var list = await (await staff.GetAsync($"/api/v1/medical-assistance/premium-subsidies?year={year}")).JsonAsync(HttpStatusCode.OK);
        var lines = list.EnumerateArray().Where(l => ids.Contains(l.GetProperty("idNumber").GetString()!)).ToList();
        var only = Assert.Single(lines);
        Assert.Equal(ids[0], only.GetProperty("idNumber").GetString());
        Assert.Equal(38_000, only.GetProperty("subsidyFen").GetInt64()); // 特困: the whole premium
        // last year's list still has the dibao household that exited gradually
        var lastYear = await (await staff.GetAsync($"/api/v1/medical-assistance/premium-subsidies?year={year - 1}")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(lastYear.EnumerateArray(), l => l.GetProperty("idNumber").GetString() == ids[1] && l.GetProperty("subsidyFen").GetInt64() == 10_000);
    }

    [SkippableFact]
    public async Task A_hospital_settles_a_bill_at_once_and_the_annual_cap_holds_even_for_two_settlements_at_the_same_instant()
    {
        var (id, personId) = await EnrolledPersonAsync();
        var hospital = await App.ApiAsAsync("hospital.central");
        // a hospital's account reaches the settlement API only
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.GetAsync("/api/v1/persons")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.GetAsync("/api/v1/social-assistance/applications")).StatusCode);

        // bad bills and people who are not beneficiaries: refused, nothing saved
        var before = await App.QueryAsync(db => db.Set<MedicalSettlement>().CountAsync());
        await (await hospital.PostAsJsonAsync("/api/v1/medical-assistance/settlements", Bill(id, "B-1", 100_000, 90_000, 80_000, 30_000)))
            .ProblemAsync("BasicInsuranceFen", "不能大于费用总额");
        await (await hospital.PostAsJsonAsync("/api/v1/medical-assistance/settlements", Bill(TestData.NewId(), "B-2", 100_000, 90_000, 10_000)))
            .ProblemAsync("IdNumber", "不是医疗救助对象");
        Assert.Equal(before, await App.QueryAsync(db => db.Set<MedicalSettlement>().CountAsync()));

        // 20,000 total, 18,000 in catalogue, 10,000 + 2,000 insurance: 4,200 assistance, 3,800 for the patient
        var bill = $"ZY{Guid.NewGuid():N}"[..20];
        var first = await (await hospital.PostAsJsonAsync("/api/v1/medical-assistance/settlements", Bill(id, bill, 2_000_000, 1_800_000, 1_000_000, 200_000)))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(420_000, first.GetProperty("assistanceFen").GetInt64());
        Assert.Equal(380_000, first.GetProperty("patientPaysFen").GetInt64());
        Assert.Equal(3_000_000, first.GetProperty("annualCapFen").GetInt64());
        Assert.DoesNotContain(id, first.ToString());
        // the same bill again (a retry): the same settlement, nothing added
        var again = await (await hospital.PostAsJsonAsync("/api/v1/medical-assistance/settlements", Bill(id, bill, 2_000_000, 1_800_000, 1_000_000, 200_000)))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        Assert.True(again.GetProperty("repeated").GetBoolean());

        // Two large bills at the same instant, each worth 27,000 of assistance (10,000 × 70 % + 26,667 × 75 %): 25,800 is left.
        var hospital2 = await App.ApiAsAsync("hospital.central");
        var big = (long)Math.Ceiling(2_000_000 / 0.75m) + 1_000_000; // enough self-pay for at least 20,000 of assistance
        var results = await Task.WhenAll(
            hospital.PostAsJsonAsync("/api/v1/medical-assistance/settlements", Bill(id, $"ZY-A-{Guid.NewGuid():N}"[..20], big, big, 0)),
            hospital2.PostAsJsonAsync("/api/v1/medical-assistance/settlements", Bill(id, $"ZY-B-{Guid.NewGuid():N}"[..20], big, big, 0)));
        // each asks for more than is left: whichever comes first takes the rest of the cap, the other finds it used up
        // (a clear refusal, nothing saved) — never both
        var created = results.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var refused = results.Where(r => r.StatusCode == HttpStatusCode.BadRequest).ToList();
        Assert.Single(created);
        Assert.Single(refused);
        Assert.Equal(3_000_000 - 420_000, (await created[0].JsonAsync(HttpStatusCode.Created)).GetProperty("assistanceFen").GetInt64());
        await refused[0].ProblemAsync("IdNumber", "年度封顶线");
        var used = await App.QueryAsync(db => db.Set<MedicalCapUsage>().Where(u => u.PersonId == personId).SumAsync(u => u.UsedFen));
        Assert.Equal(3_000_000, used);
        var settled = await App.QueryAsync(db => db.Set<MedicalSettlement>().Where(s => s.PersonId == personId && s.Status == SettlementStatus.Settled).SumAsync(s => s.AssistanceFen));
        Assert.Equal(3_000_000, settled);

        // The cap is used up: a further bill is refused with the reason, and nothing is saved.
        var count = await App.QueryAsync(db => db.Set<MedicalSettlement>().CountAsync());
        await (await hospital.PostAsJsonAsync("/api/v1/medical-assistance/settlements", Bill(id, $"ZY-C-{Guid.NewGuid():N}"[..20], 100_000, 100_000, 0)))
            .ProblemAsync("IdNumber", "年度封顶线");
        // so are an amount too large to be true (no arithmetic overflow) and a bill from more than a year ago
        await (await hospital.PostAsJsonAsync("/api/v1/medical-assistance/settlements", Bill(id, "ZY-D", 100_000, 100_000, 4_611_686_018_427_387_904L, 4_611_686_018_427_387_904L)))
            .ProblemAsync("TotalFen", "金额过大");
        var old = new
        {
            idNumber = id, visit = "Inpatient", billNumber = "ZY-E", visitDate = DateTime.Today.AddYears(-1).AddDays(-1).ToString("yyyy-MM-dd"),
            totalFen = 100_000L, inCatalogueFen = 100_000L, basicInsuranceFen = 0L, criticalIllnessFen = 0L, otherAidFen = 0L,
        };
        await (await hospital.PostAsJsonAsync("/api/v1/medical-assistance/settlements", old)).ProblemAsync("VisitDate", "一年前");
        Assert.Equal(count, await App.QueryAsync(db => db.Set<MedicalSettlement>().CountAsync()));

        // A reversal (refund) restores the cap; a second reversal is refused.
        var firstId = first.GetProperty("id").GetInt64();
        await (await hospital.PostAsJsonAsync($"/api/v1/medical-assistance/settlements/{firstId}/reverse", new { reason = "" })).ProblemAsync("Reason", "冲销原因");
        var reversed = await (await hospital.PostAsJsonAsync($"/api/v1/medical-assistance/settlements/{firstId}/reverse", new { reason = "患者退费" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Reversed", reversed.GetProperty("status").GetString());
        Assert.Equal(3_000_000 - 420_000, reversed.GetProperty("usedThisYearFen").GetInt64());
        await (await hospital.PostAsJsonAsync($"/api/v1/medical-assistance/settlements/{firstId}/reverse", new { reason = "再次" })).ProblemAsync("Status", "已冲销");

        // District staff see it, and the year's premium-subsidy list has the person with the dibao subsidy (100 yuan).
        var staff = await App.ApiAsAsync("district.staff");
        var list = await (await staff.GetAsync($"/api/v1/medical-assistance/settlements?idNumber={id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        var subsidies = await (await staff.GetAsync($"/api/v1/medical-assistance/premium-subsidies?year={DateTime.Today.Year}")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(subsidies.EnumerateArray(), s => s.GetProperty("idNumber").GetString() == id && s.GetProperty("subsidyFen").GetInt64() == 10_000);
        var excel = await staff.GetAsync($"/api/v1/medical-assistance/premium-subsidies/export?year={DateTime.Today.Year}");
        Assert.Equal(CivilAffairs.Web.Kernel.Excel.ExcelFile.ContentType, excel.Content.Headers.ContentType?.MediaType);
        // the staff page; a hospital's account has only the settlement page (its own settlements), nothing else
        var pages = App.CreateClient(new() { AllowAutoRedirect = false });
        await pages.SignInPageAsync("district.staff", AppFactory.DemoPassword);
        var medicalPage = await pages.GetStringAsync($"/SocialAssistance/Medical?idNumber={id}");
        // an amount past any bill is refused on the page in Chinese, not an overflow
        var tooMuch = await pages.PostAsync("/SocialAssistance/Medical", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.IdNumber"] = id, ["Input.Visit"] = "Inpatient", ["Input.BillNumber"] = "HUGE-1", ["Input.VisitDate"] = DateTime.Today.ToString("yyyy-MM-dd"),
            ["Input.Total"] = "99999999999999", ["Input.Institution"] = "hospital.central", ["__RequestVerificationToken"] = Http.Token(medicalPage),
        }));
        Assert.Equal(HttpStatusCode.OK, tooMuch.StatusCode);
        Assert.Contains("金额过大", await tooMuch.Content.ReadAsStringAsync());
        Assert.Contains("已冲销", medicalPage);
        Assert.Contains("资助参保名单", medicalPage);
        var hospitalPages = App.CreateClient(new() { AllowAutoRedirect = false });
        await hospitalPages.SignInPageAsync("hospital.central", AppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await hospitalPages.GetAsync("/SocialAssistance/Medical")).StatusCode);
        var home = await hospitalPages.GetAsync("/");
        Assert.Equal("/SocialAssistance/Medical", home.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await hospitalPages.GetAsync("/Account/Manage")).StatusCode);
        // staff settle by hand only on behalf of a registered hospital
        await (await staff.PostAsJsonAsync("/api/v1/medical-assistance/settlements", new
        {
            idNumber = id, visit = "Outpatient", billNumber = "M-1", visitDate = DateTime.Today.ToString("yyyy-MM-dd"), totalFen = 10_000L, inCatalogueFen = 10_000L,
            basicInsuranceFen = 0L, criticalIllnessFen = 0L, otherAidFen = 0L, institution = "黄石市中心医院（手写）",
        })).ProblemAsync("Institution", "已登记的定点医疗机构");
        foreach (var page in new[] { "/Persons", "/Households", "/SocialAssistance/Applications", "/SocialAssistance/Cases" })
        {
            var response = await hospitalPages.GetAsync(page);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{page}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect) Assert.Contains("AccessDenied", response.Headers.Location!.ToString());
        }
        // a caseworker may not export it
        var caseworker = await App.ApiAsAsync("cw.damatou");
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync("/api/v1/medical-assistance/premium-subsidies")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class SqliteMedicalAssistanceTests(SqliteAppFixture f) : MedicalAssistanceTests(f);

[Collection("postgres")]
public sealed class PostgresMedicalAssistanceTests(PostgresAppFixture f) : MedicalAssistanceTests(f);
