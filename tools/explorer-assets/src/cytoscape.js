// Cytoscape.js with the fCoSE force layout registered, as one browser bundle: window.cytoscape.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

cytoscape.use(fcose);
window.cytoscape = cytoscape;
