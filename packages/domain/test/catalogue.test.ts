import {
  candidateStream,
  companyStream,
  decidedBy,
  domainRegistry,
  fundStream,
  ILLUSTRATIVE_CONFIGURATION,
  personStream,
  projectStream,
  Residence,
  streamKindOf,
} from "@insieme/domain";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";

const MUNICIPALITIES = ILLUSTRATIVE_CONFIGURATION.versions[0]?.rules.territory.municipalities ?? [];

describe("territory of the illustrative configuration", () => {
  it("lists the 55 comuni of the Città metropolitana di Bologna with unique ISTAT codes", () => {
    expect(MUNICIPALITIES).toHaveLength(55);
    expect(new Set(MUNICIPALITIES.map((m) => m.istat)).size).toBe(55);
    expect(MUNICIPALITIES.every((m) => /^037\d{3}$/.test(m.istat))).toBe(true);
  });

  it("groups them in the unions of the metro area", () => {
    const count = (union: string | null) => MUNICIPALITIES.filter((m) => m.union === union).length;
    expect(count("reno_galliera")).toBe(8);
    expect(count("terre_di_pianura")).toBe(6);
    expect(count("terre_d_acqua")).toBe(6);
    expect(count("valli_reno_lavino_samoggia")).toBe(5);
    expect(count("appennino_bolognese")).toBe(11);
    expect(count("savena_idice")).toBe(5);
    expect(count("nuovo_circondario_imolese")).toBe(10);
    expect(
      MUNICIPALITIES.filter((m) => m.union === null)
        .map((m) => m.name)
        .sort(),
    ).toEqual(["Alto Reno Terme", "Bologna", "Molinella", "San Lazzaro di Savena"]);
  });

  it("a residence is an ISTAT code and an area id; which areas a comune has is the configuration's", () => {
    expect(Residence.safeParse({ municipalityIstat: "037006", quartiere: "navile" }).success).toBe(true);
    expect(Residence.safeParse({ municipalityIstat: "037032", quartiere: null }).success).toBe(true);
    expect(Residence.safeParse({ municipalityIstat: "37032", quartiere: null }).success).toBe(false);
    expect(Residence.safeParse({ municipalityIstat: "037006", quartiere: "Navile!" }).success).toBe(false);
  });
});

describe("event catalogue", () => {
  it("registers every event type once", () => {
    expect(domainRegistry.types()).toContain("CandidateApplied");
    expect(domainRegistry.types()).toContain("FundCommitted");
    expect(new Set(domainRegistry.types()).size).toBe(domainRegistry.types().length);
  });

  it("encodes and decodes an event, rejecting invalid data", () => {
    const configuration = ILLUSTRATIVE_CONFIGURATION.versions[0]?.ref ?? null;
    const event = {
      type: "CompanyLeftBoard" as const,
      data: { companyId: "c1", reason: "withdrew" as const, configuration },
    };
    const encoded = domainRegistry.encode(event);
    expect(E.isRight(encoded)).toBe(true);
    if (E.isRight(encoded)) expect(domainRegistry.decode(encoded.right)).toEqual(E.right(event));
    expect(
      E.isLeft(domainRegistry.decode({ type: "CompanyLeftBoard", version: 1, data: { companyId: "c1" } })),
    ).toBe(true);
    expect(
      E.isLeft(
        domainRegistry.encode({
          type: "CompanyLeftBoard",
          data: { companyId: "c1", reason: "withdrew" },
        } as never),
      ),
    ).toBe(true);
  });

  it("every stored event records its deciding configuration; events written before (version 1) decode with none", () => {
    for (const type of domainRegistry.types()) expect(domainRegistry.currentVersion(type)).toBe(2);
    const old = domainRegistry.decode({
      type: "CompanyLeftBoard",
      version: 1,
      data: { companyId: "c1", reason: "withdrew" },
    });
    expect(old).toEqual(
      E.right({
        type: "CompanyLeftBoard",
        data: { companyId: "c1", reason: "withdrew", configuration: null },
      }),
    );
    expect(decidedBy(E.isRight(old) ? old.right.data : null)).toBeNull();
    const ref = ILLUSTRATIVE_CONFIGURATION.versions[0]?.ref;
    expect(decidedBy({ companyId: "c1", configuration: ref })).toEqual(ref);
  });

  it("names streams by kind", () => {
    expect(candidateStream("a")).toBe("candidate-a");
    expect(companyStream("b")).toBe("company-b");
    expect(projectStream("c")).toBe("project-c");
    expect(fundStream(2018)).toBe("fund-2018");
    expect(personStream("ab")).toBe("person-ab");
    expect(streamKindOf("fund-2018")).toBe("fund");
    expect(streamKindOf("other-1")).toBeNull();
  });
});
