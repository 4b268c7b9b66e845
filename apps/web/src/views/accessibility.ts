import { setHtml } from '../dom.js';
import { html } from '../html.js';

/** When the statement was written and the board last tested as it describes: change both with a new review. */
const PREPARED = '1 December 2026';
const AXE_VERSION = '4.14';

/**
 * The accessibility statement, after the GOV.UK model statement for public sector websites
 * (Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018).
 * Readable signed out: a person who cannot sign in must be able to read how to report it.
 * Other organisations' addresses are written out, not linked: the board links nothing outside
 * the tracker, which often runs on a closed council network.
 */
export function accessibilityView(root: HTMLElement): void {
  setHtml(root, html`
    <article class="statement">
      <h1 tabindex="-1">Accessibility statement for RAG Ledger</h1>
      <p class="lead">This accessibility statement applies to the RAG Ledger web board at this address: the boards of the children's services improvement plans, the action pages, "My actions", sign-in and the administration pages.</p>
      <p>This website is run by the council that runs this tracker for its improvement plans. We want as many people as possible to be able to use it. For example, that means you should be able to:</p>
      <ul>
        <li>change colours, contrast levels and fonts using browser or device settings</li>
        <li>zoom in up to 400% without the text spilling off the screen</li>
        <li>navigate the whole website using just a keyboard</li>
        <li>navigate most of the website using speech recognition software</li>
        <li>listen to most of the website using a screen reader</li>
      </ul>
      <p>We've also made the website text as simple as possible to understand. A status is never shown by colour alone: each one carries its letter and its words (for example "R Off track, needs attention").</p>
      <p>AbilityNet has advice on making your device easier to use if you have a disability (mcmw.abilitynet.org.uk).</p>

      <h2 id="how-accessible">How accessible this website is</h2>
      <p>We know some parts of this website are not fully accessible:</p>
      <ul>
        <li>it has not yet been tested by people who use screen readers, screen magnifiers or speech recognition software, or with a manual audit against every WCAG 2.2 success criterion (see <a href="#testing">how we tested</a>)</li>
        <li>the chart on an outcome measure's page is an image; its figures are in the table beside it, but the chart itself cannot be explored with a screen reader</li>
        <li>a busy plan board announces each live change to screen readers, which can be a lot to listen to during a board meeting</li>
        <li>the API documentation at <code>/api/docs</code> is made by a separate tool (Swagger UI) and has not been tested</li>
        <li>board packs printed to PDF by your browser are not tagged for screen readers; the same board is available as a web page</li>
      </ul>

      <h2 id="feedback">Feedback and contact information</h2>
      <p>If you need information on this website in a different format, like accessible PDF, large print, easy read, audio recording or braille, contact the team that runs the tracker at your council (your administrator, or your council's IT service desk). We'll consider your request and get back to you in 5 working days.</p>

      <h2 id="reporting">Reporting accessibility problems with this website</h2>
      <p>We're always looking to improve the accessibility of this website. If you find any problems not listed on this page, or think we're not meeting accessibility requirements, contact the team that runs the tracker at your council and say which page (its address) and what happened. You do not need to be signed in to report a problem. Problems in the software itself can also be reported to the RAG Ledger project.</p>

      <h2 id="enforcement">Enforcement procedure</h2>
      <p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the "accessibility regulations"). If you're not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS, www.equalityadvisoryservice.com).</p>
      <p>If you are in Northern Ireland and are not happy with how we respond to your complaint you can contact the Equality Commission for Northern Ireland (ECNI, www.equalityni.org), who are responsible for enforcing the accessibility regulations in Northern Ireland.</p>

      <h2 id="technical">Technical information about this website's accessibility</h2>
      <p>The council is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.</p>
      <h3>Compliance status</h3>
      <p>This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliances and the gaps in testing listed below.</p>

      <h2 id="non-accessible">Non-accessible content</h2>
      <p>The content listed below is non-accessible for the following reasons.</p>
      <h3>Non-compliance with the accessibility regulations</h3>
      <ul>
        <li>The outcome measure chart does not offer its figures to assistive technology as a chart (WCAG 2.2 success criterion 1.1.1 Non-text content is met by the figures in the table and the chart's description, not by the chart itself).</li>
        <li>We have not checked every page against success criteria that automated tools cannot test, such as 1.3.3 Sensory characteristics, 2.4.6 Headings and labels, 3.3.3 Error suggestion and 1.4.10 Reflow at every width. We plan to audit them by hand.</li>
      </ul>
      <h3>Disproportionate burden</h3>
      <p>We are not claiming disproportionate burden for any part of this website.</p>
      <h3>Content that's not within the scope of the accessibility regulations</h3>
      <p>The sign-in page of your council's own identity provider (for example Microsoft Entra ID), when you choose single sign-on, is not part of this website: its accessibility is the provider's.</p>

      <h2 id="improving">What we're doing to improve accessibility</h2>
      <p>Every change to the web board is tested automatically before it is released (see below), and any serious or critical problem found stops the release. We plan a manual audit and testing with users of assistive technology, and will update this statement with what they find.</p>

      <h2 id="testing">Preparation of this accessibility statement</h2>
      <p>This statement was prepared on <time datetime="2026-12-01">${PREPARED}</time>. It was last reviewed on <time datetime="2026-12-01">${PREPARED}</time>.</p>
      <p>This website was last tested on <time datetime="2026-12-01">${PREPARED}</time>, by the RAG Ledger project's automated browser tests, which run on every change. They tested:</p>
      <ul>
        <li>every page of the web board, signed out (sign-in, setting a password from an invitation, this statement) and signed in as each role (administrator, plan owner, board member, auditor), with axe-core ${AXE_VERSION} against the WCAG 2.0, 2.1 and 2.2 A and AA rules, in Chromium: a serious or critical problem fails the test</li>
        <li>signing in and updating an action with the keyboard alone (Tab, Enter, Space and the arrow keys), with the focus visible and moved to each new page's heading</li>
      </ul>
      <p>Automated tools find only some accessibility problems; that is why the list above says what has not been tested yet.</p>
    </article>`);
}
