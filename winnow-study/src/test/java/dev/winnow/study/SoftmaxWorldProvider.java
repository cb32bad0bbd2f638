package dev.winnow.study;

/**
 * Test engine for specs whose data is {@code synthetic}: the softmax-regression world (300 examples,
 * 4 classes). Outranks real engines so command-line tests never train a real model.
 */
public final class SoftmaxWorldProvider implements StudyEngine.Provider {
    @Override
    public StudyEngine create(StudySpec spec) {
        if (!spec.data().equals("synthetic")) {
            throw new dev.winnow.WinnowException("the test engine only knows data 'synthetic'");
        }
        return new SoftmaxWorld(300, 4, 11).engine();
    }

    @Override
    public int priority() {
        return 100;
    }
}
